// Purging one ticket (retention, or erasing the person who opened it):
// under its lock, on the ticket as stored now, so a ticket reopened
// meanwhile is left alone. In an order a retry can take up anywhere:
//   1. Helpdesk's messages in its threads replaced (people's own counted),
//   2. its cards and approvers' DMs replaced,
//   3. its words taken out of the similar-tickets index and out of its
//      report rows (their figures and its key stay, as reports counted
//      them; its summary goes),
//   4. its lookups, its open work entry, and the ticket itself, last.
// Until step 4 is done the ticket is still found, and is purged again; a
// message already replaced, or a row already without words, is skipped.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  purgedCardText,
  type Removal,
  removedText,
} from "../../helpdesk/tickets/retention.ts";
import { searchText } from "../../helpdesk/similar/solved_tickets.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  type LockOptions,
  noteRemoved,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";
import { deleteTicket } from "../../slack/storage/ticket_deletion.ts";
import { removeSolved } from "../../slack/storage/similar_index.ts";
import { removeTicketText } from "../../slack/storage/report_store.ts";
import {
  firstFiledDay,
  reportDaysOf,
} from "../../helpdesk/reports/report_rows.ts";
import {
  replaceText,
  scrubThread,
} from "../../slack/workspace/thread_scrub.ts";

export type PurgeOutcome =
  | { kind: "purged"; key: string; replaced: number; uneditable: number }
  /** Not due any more (reopened, say) or already gone: nothing done. */
  | { kind: "not_due" | "gone" }
  /** Its threads were longer than one run reads: the next run goes on. */
  | { kind: "unfinished" }
  /** Someone else held the ticket: the next run. */
  | { kind: "busy"; reason: string };

/** "channel:ts" split, or undefined. */
export function spot(text: string | undefined) {
  const at = text?.indexOf(":") ?? -1;
  return text && at > 0
    ? { channel: text.slice(0, at), ts: text.slice(at + 1) }
    : undefined;
}

export async function purgeTicket(
  client: SlackAPIClient,
  seen: Ticket,
  why: Removal,
  isDue: (latest: Ticket) => boolean,
  lock: LockOptions = {},
): Promise<PurgeOutcome> {
  const locked = await withTicketLock(
    client,
    seen,
    async (latest): Promise<PurgeOutcome> => {
      if (!latest) return { kind: "gone" };
      if (!isDue(latest)) return { kind: "not_due" };
      return await purgeLocked(client, latest, why);
    },
    { waitMs: 1000, ...lock },
  );
  if (locked.ok) return locked.value;
  return locked.removed
    ? { kind: "gone" }
    : { kind: "busy", reason: locked.reason };
}

/** The purge itself, for a caller already holding the ticket's lock. */
export async function purgeLocked(
  client: SlackAPIClient,
  ticket: Ticket,
  why: Removal,
): Promise<PurgeOutcome> {
  const text = removedText(why);
  const everything = () => true;
  let replaced = 0;
  let uneditable = 0;
  let onCards = 0;
  let complete = true;
  const threads = [
    spot(ticket.card_channel ? `${ticket.card_channel}:${ticket.card_ts}` : ""),
    ...(ticket.previous_cards ?? []).map(spot),
  ];
  for (const where of threads) {
    if (!where) continue;
    const done = await scrubThread(client, where, everything, text);
    replaced += done.replaced;
    onCards += done.uneditable.length;
    complete &&= done.complete;
  }
  // The requester's side: the thread of their message (theirs: counted),
  // or the DM where agents' replies reached them (Helpdesk's: replaced).
  const theirs = spot(ticket.requester_thread);
  if (theirs) {
    const done = await scrubThread(client, theirs, everything, text, {
      withParent: true,
    });
    replaced += done.replaced;
    uneditable += done.uneditable.length;
    complete &&= done.complete;
  }
  if (!complete) return { kind: "unfinished" };
  uneditable += onCards;
  const card = purgedCardText(ticket, why, onCards);
  for (const where of threads) {
    if (where) await replaceText(client, where.channel, where.ts, card);
  }
  for (const dm of ticket.approval_messages ?? []) {
    const where = spot(dm);
    if (where) await replaceText(client, where.channel, where.ts, card);
  }
  await removeSolved(client, ticket.queue_id ?? DEFAULT_QUEUE_ID, [
    { id: ticket.id, text: searchText(ticket) },
  ]);
  const now = Math.floor(Date.now() / 1000);
  const first = firstFiledDay(now);
  await removeTicketText(
    client,
    ticket.id,
    reportDaysOf(ticket).filter((day) => day >= first),
    now,
  );
  await deleteTicket(client, ticket);
  // The lock's release record says so: a run waiting for it tells its
  // person the ticket was removed, not to try again.
  noteRemoved(client, ticket.id, why);
  return { kind: "purged", key: ticket.key, replaced, uneditable };
}
