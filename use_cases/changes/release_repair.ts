// The scheduled check's part of releasing merged tickets (merged_release.ts
// is the close's): the tickets a kept ticket still owes a reopen, reopened
// now by ticket_repair.ts, and the kept card's thread told so.
//
// A reopen Slack refuses for good (outbox.ts's lasting refusals), or one
// still failing after RELEASE_TRIES scheduled checks, is given up: the kept
// card's thread, which said Helpdesk would try again, and its requester, who
// was told nothing yet, hear that it stays closed; once, as the key leaves
// the list under the kept ticket's lock.
//
// A reopen this check makes is told in the kept card's thread then, once, by
// the run whose reopen it was (a later check finds it no longer merged, and
// says nothing). One whose save landed though its answer was lost is told by
// the check that finds it so (release_retold.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import {
  type OutboxMessage,
  refusedForGood,
  sendOrKeep,
  whySlackRefused,
} from "../../slack/workspace/outbox.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  notReleasedDm,
  notReleasedNote,
  releasedSummary,
} from "../../slack/blocks/merge_messages.ts";
import { reopenEach, settleOwed } from "./merged_release.ts";
import { retellLostReleases } from "./release_retold.ts";

/**
 * Scheduled checks that may find a released ticket still failing to reopen
 * before it is given up: the sweep runs every quarter hour
 * (triggers/created_by_app/service_level_sweep.ts), so about two hours.
 */
export const RELEASE_TRIES = 8;

/**
 * The scheduled check's part (ticket_repair.ts): the tickets a kept ticket
 * released that are still to reopen, reopened now, and the kept card's
 * thread told so. One Slack refuses for good, or still failing at the
 * check that makes RELEASE_TRIES, is given up: its requester and the kept
 * card's thread (which said Helpdesk would try again) are told, once, as
 * its key leaves the list under the kept ticket's lock. How many it tried.
 */
export async function finishRelease(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  kept: Ticket,
  now: number,
): Promise<{ tried: number; notShown: unknown[] }> {
  const found = await Promise.all((kept.released_keys ?? []).map(
    async (key) => {
      const id = await findTicketId(client, lookupByKey(key));
      return id ? await getTicket(client, id) : undefined;
    },
  ));
  const released = found.filter((t): t is Ticket =>
    t !== undefined && t.merged_into === kept.id
  );
  const { notShown, failed, reopened } = await reopenEach(
    client,
    settings,
    kept,
    released,
    now,
  );
  for (const [, error] of failed.values()) notShown.push(error);
  // Reopened by the close, though its run was told the save failed.
  const lost = await retellLostReleases(
    client,
    settings,
    kept,
    found.filter((t): t is Ticket => t !== undefined && !released.includes(t)),
    now,
  );
  notShown.push(...lost.notShown);
  // Only what reopened now is news, or what reopened unseen: the rest the
  // thread was told at the close.
  const note = [...reopened, ...lost.told].map((r) => releasedSummary(r, kept))
    .join("\n");
  await settleOwed(client, kept, notShown, note, async (latest, owed) => {
    // Counted on the kept ticket as it is: a close meanwhile restarts it.
    const tries = (latest.release_tries ?? 0) + 1;
    const givenUp = owed.flatMap((key) => {
      const [ticket, error] = failed.get(key) ?? [];
      return ticket && (refusedForGood(error) || tries >= RELEASE_TRIES)
        ? [{ ticket, error }]
        : [];
    });
    // Keys read before and not failing are done, or were no longer merged
    // into it (reopened, unmerged, gone): nothing is owed for them. Keys a
    // close added meanwhile stay.
    const read = new Set(kept.released_keys);
    const still = owed.filter((key) =>
      failed.has(key)
        ? !givenUp.some((g) => g.ticket.key === key)
        : (lost.pending.has(key) && tries < RELEASE_TRIES) || !read.has(key)
    );
    const saved = await updateTicketFields(client, latest.id, {
      release_due: still.length > 0,
      released_keys: still,
      release_tries: tries,
    });
    const news: OutboxMessage[] = givenUp.flatMap(({ ticket, error }) => {
      const why = refusedForGood(error)
        ? whySlackRefused(error)
        : `it still failed after ${tries + 1} tries.`;
      const link = cardLinkOf(ticket, settings.workspace_url) ??
        settings.workspace_url;
      const dm = notReleasedDm(ticket, saved, link, why);
      return [
        { channel: ticket.requester, text: dm },
        ...saved.card_channel && saved.card_ts
          ? [{
            channel: saved.card_channel,
            thread_ts: saved.card_ts,
            text: notReleasedNote(ticket, saved, why),
          }]
          : [],
      ];
    });
    notShown.push(...await sendOrKeep(client, saved, news));
  });
  return { tried: released.length, notShown };
}
