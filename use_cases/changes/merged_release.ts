// When a kept ticket ends by its own requester's hand (withdrawn, or closed
// with "This solved it"), the tickets other people had merged into it are
// not answered by that: each opens again on its own, its requester is told
// why, and the kept ticket is no longer for them (ticket_merge.ts).
//
// The kept ticket is saved first, without them, in the same write that
// closes it, so its followers never hear "Closed" as if their problem were
// dealt with. Each released ticket is then reopened under its own lock; one
// an agent unmerged meanwhile is left as it is.
//
// That same write marks the kept ticket release_due with the released keys,
// so a reopen that fails (its lock refused, Slack failing) is not lost: the
// flag puts the kept ticket in the open work index's repairs, and the
// scheduled check (release_repair.ts, through ticket_repair.ts) reopens what
// is still closed, with the same reopenEach and settleOwed as the close.
// Reopening checks, under the released ticket's lock, that it is still
// merged into the kept one, so a retry tells nobody twice.
//
// The owed keys are settled under the kept ticket's lock, on it as stored
// then, so a close that owes more meanwhile is never written over. The kept
// card's thread is told what truly happened once the reopens were tried,
// never before: which are open again, and which Helpdesk will try again at
// its next check.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  closedByItsRequester,
  releasedBy,
  releaseFromClosed,
  withoutReleased,
} from "../../helpdesk/tickets/merge_release.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import {
  type OutboxMessage,
  sendOrKeep,
} from "../../slack/workspace/outbox.ts";
import { withTicketLock } from "../../slack/storage/ticket_lock.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  releasedDm,
  releasedSummary,
  releaseDueNote,
} from "../../slack/blocks/merge_messages.ts";
import { publishChange } from "./publish_change.ts";

export interface Release {
  /** The kept ticket as it is to be saved: no longer for the released. */
  ticket: Ticket;
  released: Ticket[];
}

/**
 * Under the kept ticket's lock, once its change is decided: the tickets
 * merged into it that open again if this change closes it by its
 * requester's hand; none otherwise.
 */
export async function releaseOnRequesterClose(
  client: SlackAPIClient,
  before: Ticket,
  after: Ticket,
  actorId: string | undefined,
): Promise<Release> {
  if (
    !after.merged_from?.length ||
    !closedByItsRequester(before, after, actorId)
  ) {
    return { ticket: after, released: [] };
  }
  const merged = await Promise.all(after.merged_from.map(async (key) => {
    const id = await findTicketId(client, lookupByKey(key));
    return id ? await getTicket(client, id) : undefined;
  }));
  const released = releasedBy(
    after,
    merged.filter((t): t is Ticket => t !== undefined),
  );
  if (!released.length) return { ticket: after, released };
  // A new close's keys get every try (release_tries starts again); any
  // still owed from an earlier close stay owed (released_keys).
  return {
    ticket: {
      ...withoutReleased(after, released),
      release_due: true,
      release_tries: undefined,
      released_keys: [
        ...new Set([
          ...(after.release_due ? after.released_keys ?? [] : []),
          ...released.map((r) => r.key),
        ]),
      ],
    },
    released,
  };
}

/**
 * Each released ticket open again on its own, under its own lock: those
 * reopened, the keys done (or owing nothing any more), and why each other
 * one failed.
 */
export async function reopenEach(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  kept: Ticket,
  released: readonly Ticket[],
  now: number,
) {
  const notShown: unknown[] = [];
  const reopened: Ticket[] = [];
  const done = new Set<string>();
  const failed = new Map<string, [Ticket, unknown]>();
  for (const seen of released) {
    try {
      const locked = await withTicketLock(client, seen, async (latest) => {
        if (!latest) return [];
        const outcome = releaseFromClosed(latest, kept, now);
        // Unmerged meanwhile: its unmerge told the kept card's thread.
        if (!outcome.ok) return [];
        const link = cardLinkOf(latest, settings.workspace_url) ??
          settings.workspace_url;
        const shown = await publishChange(client, settings, {
          ticket: outcome.merged,
          before: latest,
          via: `when ${kept.key} was closed by its requester`,
          summary: releasedSummary(latest, kept),
          statusChange: outcome.mergedStatusChange,
          toRequester: releasedDm(latest, kept, link),
        }, now);
        reopened.push(latest);
        return shown.notShown;
      });
      if (locked.ok) notShown.push(...locked.value);
      // Removed meanwhile (a purge): nothing is left to reopen.
      if (locked.ok || locked.removed) done.add(seen.key);
      // Busy, or Slack slow: a passing failure.
      else throw new Error(`${seen.key}: ${locked.reason}`);
    } catch (error) {
      // Its save failed: it is still closed, and release_due says so.
      failed.set(seen.key, [seen, error]);
    }
  }
  return { notShown, done, failed, reopened };
}

/**
 * Under the kept ticket's lock, on it as stored now (a close meanwhile may
 * owe more): `note` told in its card's thread, as the reopens it tells of
 * are done, then `settle` writes what is still owed. Busy: release_due
 * stays, and the next check settles it; `note` is told all the same.
 */
export async function settleOwed(
  client: SlackAPIClient,
  kept: Ticket,
  notShown: unknown[],
  note: string,
  settle: (latest: Ticket, owed: string[]) => Promise<unknown>,
) {
  const said: OutboxMessage[] = note && kept.card_ts
    ? [{ channel: kept.card_channel!, thread_ts: kept.card_ts, text: note }]
    : [];
  const locked = await withTicketLock(client, kept, async (latest) => {
    if (!latest) return;
    notShown.push(...await sendOrKeep(client, latest, said));
    if (latest.release_due) await settle(latest, latest.released_keys ?? []);
  }, { waitMs: 1000 });
  if (locked.ok || locked.removed) return;
  // Not the closer's to retry: the next check settles it.
  console.warn(`${kept.key}: not settled`, locked.reason);
  notShown.push(...await sendOrKeep(client, kept, said));
}

/**
 * After the kept ticket was saved closed: each released ticket open again.
 * Those done are no longer owed; the rest stay for the scheduled check.
 * What could not be shown is returned.
 */
export async function reopenReleased(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  kept: Ticket,
  released: readonly Ticket[],
  now: number,
): Promise<unknown[]> {
  const { notShown, done, failed, reopened } = await reopenEach(
    client,
    settings,
    kept,
    released,
    now,
  );
  // Its close's own line said nothing of them: this says what happened.
  const note = [
    ...reopened.map((r) => releasedSummary(r, kept)),
    ...released.filter((r) => failed.has(r.key)).map(releaseDueNote),
  ].join("\n");
  await settleOwed(client, kept, notShown, note, (latest, owed) => {
    const still = owed.filter((key) => !done.has(key));
    return updateTicketFields(client, latest.id, {
      release_due: still.length > 0,
      released_keys: still,
    });
  });
  return notShown;
}
