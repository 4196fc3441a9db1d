// One change at a time per ticket. Slack datastores have no conditional
// write, so two runs that read a ticket, change it and save it at the same
// moment would each save over the other: one change lost, while both were
// announced. Slack does make one thing exclusive: a person can add a given
// reaction to a message once, and a second reactions.add answers
// `already_reacted`. So Helpdesk's own :arrows_counterclockwise: on the
// ticket's first message (its triage card, or the first approver's DM while
// it waits for approval) is the ticket's lock: the run whose reaction Slack
// accepts changes the ticket, then takes the reaction back.
//
// What this gives, and what it does not:
// - Every run that changes a ticket under the lock reads it after taking the
//   lock, so each change is applied on top of the one before.
// - A run that finds the lock held waits a few seconds, then gives up with a
//   reason; nothing is changed.
// - A run that dies holding the lock (a timeout) leaves the reaction. Runs
//   can't live past Slack's 60 s limit, so a lock taken more than STALE_AFTER
//   seconds ago (its time is kept in the locks datastore) and still held
//   after a full wait is broken by the next run that wants it. A run that
//   finished but could not take its reaction back says so in the record, and
//   the next run breaks the lock at once.
// - Breaking a lock is itself not exclusive: two runs that find the same
//   dead lock at the same moment could both go ahead. That needs a failure
//   first (a run that died, or a release Slack refused twice).
// - Each change costs a reactions.add (Tier 3, 50+ a minute) and a
//   reactions.remove (Tier 2, 20+ a minute) per workspace; past those Slack
//   answers ratelimited and the change is refused or its release retried.
// - It rests on Slack refusing the second reaction even when both arrive at
//   once, which Slack documents (`already_reacted`) but does not promise
//   under concurrency.
import { LocksDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { getItem, putItem } from "./datastore.ts";

export const LOCK_REACTION = "arrows_counterclockwise";

/** Longer than any run can live (60 s deployed), with a margin. */
export const STALE_AFTER_SECONDS = 75;

/** Where a lock can't be taken at all: the change goes ahead unlocked. */
const UNLOCKABLE = new Set([
  "message_not_found",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "too_many_emoji",
  "too_many_reactions",
  "thread_locked",
]);

export interface LockOptions {
  /** How long to wait for another run to let go, in ms. */
  waitMs?: number;
  /** Who holds it, for the logs (a function execution id). */
  holder?: string;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type Locked<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface LockAnchor {
  channel: string;
  ts: string;
}

/**
 * The message that carries a ticket's lock: the first message Helpdesk
 * posted for it (the first approver's DM, or its first card, in the queue
 * it was opened in), which never changes. None before anything was posted,
 * when nobody can click anything of it yet.
 */
export function lockAnchor(ticket: Ticket): LockAnchor | undefined {
  // A ticket moved to another queue keeps its lock on its first card.
  const first = ticket.approval_messages?.[0] ?? ticket.previous_cards?.[0];
  if (first) {
    const at = first.indexOf(":");
    return { channel: first.slice(0, at), ts: first.slice(at + 1) };
  }
  if (ticket.card_channel && ticket.card_ts) {
    return { channel: ticket.card_channel, ts: ticket.card_ts };
  }
  return undefined;
}

export function busyReason(ticket: Ticket): string {
  return `Someone else is changing ${ticket.key} right now. Nothing changed: try again in a moment.`;
}

export async function withTicketLock<T>(
  client: SlackAPIClient,
  ticket: Ticket,
  run: () => Promise<T>,
  options: LockOptions = {},
): Promise<Locked<T>> {
  const anchor = lockAnchor(ticket);
  if (!anchor) return { ok: true, value: await run() };
  const taken = await acquire(client, ticket, anchor, options);
  if (taken === "busy") return { ok: false, reason: busyReason(ticket) };
  if (taken === "unlockable") return { ok: true, value: await run() };
  try {
    return { ok: true, value: await run() };
  } finally {
    // The record of taking it lands first, so that a failed release's
    // "released" is not overwritten by it.
    await taken.recorded;
    await release(client, ticket, anchor);
  }
}

const lockId = (ticket: Ticket) => `ticket:${ticket.id}`;

async function acquire(
  client: SlackAPIClient,
  ticket: Ticket,
  anchor: LockAnchor,
  options: LockOptions,
): Promise<{ recorded: Promise<unknown> } | "busy" | "unlockable"> {
  const nowMs = options.nowMs ?? Date.now;
  const sleep = options.sleep ??
    ((ms) => new Promise((r) => setTimeout(r, ms)));
  const deadline = nowMs() + (options.waitMs ?? 4000);
  let brokeStale = false;
  let checkedEarly = false;
  for (;;) {
    try {
      await slackCall(client, "reactions.add", {
        channel: anchor.channel,
        timestamp: anchor.ts,
        name: LOCK_REACTION,
      });
      // When it was taken, for whoever finds it held much later; written
      // while the holder's work goes on.
      const recorded = putItem(client, LocksDatastore, {
        id: lockId(ticket),
        taken_at: Math.floor(nowMs() / 1000),
        holder: options.holder ?? "",
      }).catch((error) =>
        console.warn(`${ticket.key}: lock time not recorded`, error)
      );
      return { recorded };
    } catch (error) {
      if (!(error instanceof SlackCallError)) throw error;
      if (UNLOCKABLE.has(error.code)) {
        console.warn(`${ticket.key}: changed without its lock (${error.code})`);
        return "unlockable";
      }
      if (error.code !== "already_reacted") {
        // The reaction may have landed with its answer lost: taken back, so
        // that the lock is not left held by nobody.
        await slackCall(client, "reactions.remove", {
          channel: anchor.channel,
          timestamp: anchor.ts,
          name: LOCK_REACTION,
        }).catch((removal) =>
          console.warn(`${ticket.key}: lock reaction not taken back`, removal)
        );
        throw error;
      }
    }
    // Checked once early (a holder that finished but could not let go says
    // so), and again when the wait is over (a holder that died).
    const checkNow = !checkedEarly || nowMs() >= deadline;
    if (checkNow && !brokeStale) {
      const early = !checkedEarly;
      checkedEarly = true;
      if (await isStale(client, ticket, nowMs, early)) {
        brokeStale = true;
        console.warn(`${ticket.key}: breaking a lock nobody holds any more`);
        await slackCall(client, "reactions.remove", {
          channel: anchor.channel,
          timestamp: anchor.ts,
          name: LOCK_REACTION,
        }).catch((error) =>
          console.warn(`${ticket.key}: stale lock not removed`, error)
        );
        continue;
      }
    }
    if (nowMs() >= deadline) return "busy";

    // Jittered, so that waiting runs don't all try again in step.
    await sleep(100 + Math.floor(Math.random() * 200));
  }
}

/**
 * Nobody holds it any more: its holder let go but could not take the
 * reaction back (it said so in the record), or it was taken longer ago than
 * any run lives. A lock with no recorded time (its holder died before
 * recording it) starts its clock now, for a later run to judge; so does one
 * judged early, before this run waited its turn.
 */
async function isStale(
  client: SlackAPIClient,
  ticket: Ticket,
  nowMs: () => number,
  early: boolean,
): Promise<boolean> {
  const now = Math.floor(nowMs() / 1000);
  const record = await getItem(client, LocksDatastore, lockId(ticket));
  if (record?.holder === "released") return true;
  if (early) return false;
  if (record?.taken_at === undefined) {
    await putItem(client, LocksDatastore, {
      id: lockId(ticket),
      taken_at: now,
      holder: "unknown: seen held",
    });
    return false;
  }
  return now - record.taken_at > STALE_AFTER_SECONDS;
}

async function release(
  client: SlackAPIClient,
  ticket: Ticket,
  anchor: LockAnchor,
) {
  const remove = () =>
    slackCall(client, "reactions.remove", {
      channel: anchor.channel,
      timestamp: anchor.ts,
      name: LOCK_REACTION,
    });
  try {
    await remove().catch(async (error) => {
      // Once more after a passing failure: a lock left held blocks every
      // change to the ticket until it is broken.
      const wait =
        error instanceof SlackCallError && error.code === "ratelimited"
          ? (error.details.retryAfterSeconds ?? 1) * 1000
          : 200;
      if (wait > 3000) throw error;
      await new Promise((r) => setTimeout(r, wait));
      await remove();
    });
  } catch (error) {
    if (error instanceof SlackCallError && error.code === "no_reaction") return;
    console.error(`${ticket.key}: lock not released`, error);
    // Said in the record, so the next run breaks it at once instead of
    // waiting for it to go stale.
    await putItem(client, LocksDatastore, {
      id: lockId(ticket),
      taken_at: 0,
      holder: "released",
    }).catch((error) =>
      console.warn(`${ticket.key}: lock not marked released`, error)
    );
  }
}
