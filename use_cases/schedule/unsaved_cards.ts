// Cards of tickets that were never saved. Opening posts a ticket's card
// alongside saving it (use_cases/opening/open_ticket.ts); a run that stops
// between the two (it dies, or Slack refuses every call after the card,
// its deletion too) leaves a card whose ticket does not exist. The
// scheduled run reads each triage channel's history (conversations.history
// with include_all_metadata, Tier 3: docs.slack.dev/reference/methods/
// conversations.history) from where it last stopped, a day back at first,
// and a card counts as never saved only when all of these hold:
//   - it is older than UNSAVED_AFTER_SECONDS: no run can still be saving it
//     (a run lasts 60 s at most, and one that stopped is adopted after
//     75 s, ticket_repair.ts), and a datastore read missing a ticket
//     written that long ago is not plausible, so one read is believed;
//   - Helpdesk posted it, and it still has its blocks: a card that
//     retention or an erasure purged is a line of text without blocks (its
//     ticket deleted on purpose), and keeps its metadata;
//   - no item of its ticket's id exists (a damaged one counts as existing).
// A card of a ticket that exists is never taken back. One the ticket does
// not know is a stray (helpdesk/tickets/stray_cards.ts: an opening that
// died after its card, tried again, posted a second one), rewritten to point
// at the ticket's card (use_cases/changes/stray_cards.ts); its own card and
// the cards it left when it moved stay. A ticket whose card is not recorded
// can't tell: one still being finished (setup_pending: its record failed,
// and the scheduled repair, earlier in the same run, adopts a card of it)
// has its card read again by the next run, until it is half an hour old.
// A card whose ticket is missing because a purge or an erasure removed it
// (its lock's release record says so) is a stray the purge did not know:
// rewritten as the purge rewrote the ticket's own cards, nobody told.
// Such a card's requester (its Requester field) is told by DM, with their
// words, then the card is rewritten without buttons and with another
// metadata event type, so that no run finds it again. A private request's
// card names nobody and holds none of their words, and its metadata can't
// either (readable by anyone in the workspace: docs.slack.dev/reference/
// methods/chat.update, `metadata`): nobody is told, and the card says so. A DM refused for a
// passing reason leaves the card for the next run; a rewrite refused after
// the DM went means the next run tells them a second time (nothing untrue).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { type CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { bulkGetItems } from "../../slack/storage/datastore.ts";
import { TicketsDatastore } from "../../slack/storage/datastore_refs.ts";
import {
  readScanPlaces,
  saveScanPlace,
  type ScanPlace,
} from "../../slack/storage/card_scan_store.ts";
import {
  cardWords,
  unsavedCardText,
  type UnsavedOutcome,
  unsavedRequestDm,
} from "../../slack/blocks/unsaved_card.ts";
import { hasRoomFor } from "./scheduled_phases.ts";
import { rewriteStrayCard } from "../changes/stray_cards.ts";
import { type CardMessage, judgeCards } from "./card_judgement.ts";
import {
  purgedCardText,
  type Removal,
} from "../../helpdesk/tickets/retention.ts";

/** Ten minutes: well past the 75 s after which openings are adopted. */
export const UNSAVED_AFTER_SECONDS = 600;
/** The first look, and any that fell further behind, starts a day back. */
export const LOOK_BACK_SECONDS = 86_400;
export const PAGE_SIZE = 100;
export const PAGES_PER_CHANNEL = 2;
/** The event type a rewritten card carries instead of the card's. */
export const UNSAVED_EVENT_TYPE = "helpdesk_unsaved_card";

/**
 * A page: its read, its cards' tickets (25 a read) and, for those not
 * found, their locks' records (as many), the place saved.
 */
const PAGE_CALLS = {
  "conversations.history": 1,
  "apps.datastore.bulkGet": 2 * PAGE_SIZE / 25,
  "apps.datastore.put": 1,
};
/** One card taken back: the DM, its rewrite (asked again), the place. */
const TAKE_BACK_CALLS = {
  "apps.datastore.bulkGet": 1,
  "chat.postMessage": 1,
  "chat.update": 2,
  "apps.datastore.put": 1,
};
/**
 * One stray card rewritten under its ticket's lock: the reaction taken and
 * given back (each asked once more), the lock's record (named, released)
 * and the ticket read with it (up to four times when behind), the rewrite
 * (asked again), the place.
 */
const STRAY_CALLS = {
  "reactions.add": 2,
  "reactions.remove": 2,
  "apps.datastore.get": 8,
  "apps.datastore.update": 1,
  "apps.datastore.put": 2,
  "chat.update": 2,
};

export async function takeBackUnsavedCards(
  client: SlackAPIClient,
  budget: CallBudget,
  channels: readonly string[],
  now: number,
  /** For the link a stray card gets to its ticket's card. */
  workspaceUrl: string,
): Promise<{ takenBack: number; strays: number; cutShort: boolean }> {
  const end = String(now - UNSAVED_AFTER_SECONDS);
  const start = now - LOOK_BACK_SECONDS;
  const unique = [...new Set(channels.filter(Boolean))];
  const saved = await readScanPlaces(client, unique);
  // The channel furthest behind first: a run that can't read them all
  // leaves the others to the next, which starts with them.
  const order = unique.map((channel) => {
    const place = saved.get(channel);
    return {
      channel,
      place: {
        oldest: String(Math.max(Number(place?.oldest ?? 0), start)),
        latest: place?.latest ?? end,
        end: place?.end ?? end,
      },
    };
  }).sort((a, b) => Number(a.place.oldest) - Number(b.place.oldest));
  // All at once: a channel costs a round trip or two in sequence, not the
  // sum of them. Nothing is reserved: each checks the budget's room before
  // a step (hasRoomFor), and a call past the run's share is refused as a
  // carry-over, which stops that channel where it was (its place kept). A
  // card taken back whose rewrite is refused so, after its DM went, is
  // told again by the next run.
  const scans = await Promise.all(
    order.map(({ channel, place }) =>
      scanChannel(client, budget, channel, place, workspaceUrl, now)
    ),
  );
  return {
    takenBack: scans.reduce((sum, scan) => sum + scan.takenBack, 0),
    strays: scans.reduce((sum, scan) => sum + scan.strays, 0),
    cutShort: scans.some((scan) => !scan.done),
  };
}

async function scanChannel(
  client: SlackAPIClient,
  budget: CallBudget,
  channel: string,
  place: Required<ScanPlace>,
  workspaceUrl: string,
  now: number,
) {
  let takenBack = 0;
  let strays = 0;
  let done = Number(place.latest) <= Number(place.oldest);
  // A window left half-read that fell more than a day behind is over.
  let read = done && place.latest !== place.end;
  try {
    pages: for (let page = 0; page < PAGES_PER_CHANNEL && !done; page++) {
      if (!hasRoomFor(budget, PAGE_CALLS)) break;
      read = true;
      const answer = await slackCall(client, "conversations.history", {
        channel,
        oldest: place.oldest,
        latest: place.latest,
        limit: PAGE_SIZE,
        include_all_metadata: true,
      });
      const messages = [...(answer.messages ?? []) as CardMessage[]]
        .sort((a, b) => Number(b.ts) - Number(a.ts));
      const judged = await judgeCards(client, channel, messages, now);
      for (const message of messages) {
        const judgement = judged.get(message);
        if (judgement === "awaiting repair") break pages;
        if (judgement === "unsaved") {
          if (!hasRoomFor(budget, TAKE_BACK_CALLS)) break pages;
          // Saved since the page's read (the same request sent again):
          // the next run judges the card from here on, as a stray.
          if (!await takeBack(client, channel, message)) break pages;
          takenBack++;
        } else if (judgement && "removed" in judgement) {
          if (!hasRoomFor(budget, TAKE_BACK_CALLS)) break pages;
          await asPurged(client, channel, message, judgement.removed);
        } else if (judgement) {
          if (!hasRoomFor(budget, STRAY_CALLS)) break pages;
          const outcome = await rewriteStrayCard(
            client,
            workspaceUrl,
            judgement.strayOf,
            { channel, ts: message.ts },
          );
          // Its ticket busy now: the next run reads from this card on.
          if (outcome === "later") break pages;
          if (outcome === "rewritten") strays++;
        }
        place.latest = message.ts;
      }
      done = !answer.has_more;
    }
  } catch (error) {
    console.warn(
      `${channel}: cards not all looked at; the next run goes on`,
      error,
    );
  }
  if (read) {
    await saveScanPlace(client, channel, done ? { oldest: place.end } : place)
      .catch((error) => console.warn(`${channel}: place not saved`, error));
  }
  return { takenBack, strays, done };
}

/**
 * A stray of a ticket since removed, as the purge leaves the cards it
 * knows: its key and why, without blocks, its metadata kept (so no look
 * takes it for a card again). Nobody is told: nothing was lost by mistake.
 */
async function asPurged(
  client: SlackAPIClient,
  channel: string,
  card: CardMessage,
  why: Removal,
) {
  const key = cardWords(card).key ?? "This ticket";
  try {
    await onceMoreIfPassing(() =>
      slackCall(client, "chat.update", {
        channel,
        ts: card.ts,
        text: purgedCardText({ key }, why, 0),
        blocks: [],
      })
    );
  } catch (error) {
    if (isCarryOver(error) || isPassing(error)) throw error;
    console.warn(`${key}: a removed ticket's card not rewritten`, error);
  }
}

/**
 * The card taken back, its requester told; false when its ticket exists
 * after all. The ticket is read again just before telling: the same
 * request sent again a moment after the page's read (its id is the
 * creation's) would otherwise hear "not saved" just after "is open".
 */
async function takeBack(
  client: SlackAPIClient,
  channel: string,
  card: CardMessage,
): Promise<boolean> {
  const payload = card.metadata!.event_payload!;
  const now = await bulkGetItems(client, TicketsDatastore, [
    payload.ticket_id!,
  ]);
  if (now.length) return false;
  const words = cardWords(card);
  const requester = words.requester;
  let outcome: UnsavedOutcome = "untold";
  if (requester && words.summary) {
    try {
      await slackCall(client, "chat.postMessage", {
        channel: requester,
        text: unsavedRequestDm({ ...words, summary: words.summary }),
        unfurl_links: false,
      });
      outcome = "told";
    } catch (error) {
      // Not now: the card stays as it is for the next run.
      if (isCarryOver(error) || isPassing(error)) throw error;
      console.warn(`${payload.ticket_id}: requester not reachable`, error);
      outcome = "unreachable";
    }
  } else {
    console.warn(`${payload.ticket_id}: never saved; its requester unknown`);
  }
  try {
    await onceMoreIfPassing(() =>
      slackCall(client, "chat.update", {
        channel,
        ts: card.ts,
        text: unsavedCardText(words.key, requester, outcome),
        blocks: [],
        metadata: {
          event_type: UNSAVED_EVENT_TYPE,
          event_payload: { ticket_id: payload.ticket_id },
        },
      })
    );
  } catch (error) {
    if (isCarryOver(error) || isPassing(error)) throw error;
    // Deleted, or its channel archived: nothing left to rewrite.
    console.warn(`${payload.ticket_id}: unsaved card not rewritten`, error);
  }
  return true;
}
