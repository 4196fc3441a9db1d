// Which JSM updates were applied, so a redelivery is not applied twice.
// Slack datastores have no conditional write, so two deliveries of the same
// event at the same instant can't both insert-if-absent. Each run instead
// writes its own claim, waits a moment for a simultaneous twin to write
// too, and reads back: the claim that is stored is the one run that goes
// on. A twin that arrives later finds the claim (or "done") and stops.
import { JsmEventsDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { deleteItem, getItem, putItem } from "./datastore.ts";
import { slackCall } from "../api/slack_call.ts";

/** How long an event is remembered: longer than any redelivery of it. */
export const JSM_EVENT_WINDOW_SECONDS = 7 * 86_400;
/** A claim older than this belongs to a run that died (runs last ≤ 60 s). */
const ABANDONED_AFTER_SECONDS = 120;
/** Long enough for a twin that read "nothing yet" to have written. */
export const CLAIM_SETTLE_MS = 400;

/**
 * The settling pause claims take: CLAIM_SETTLE_MS whenever Helpdesk runs.
 * A test that delivers one event at a time (no twin can be writing) may
 * shorten it (dev/testing/short_waits.ts); the tests of twins delivered at
 * the same instant keep it.
 */
export const claimSettling = { ms: CLAIM_SETTLE_MS };

export type Claim =
  | { ok: true; token: string }
  | { ok: false; why: "applied" | "in_progress" };

export async function claimJsmEvent(
  client: SlackAPIClient,
  id: string,
  now: number,
  settleMs = claimSettling.ms,
): Promise<Claim> {
  const seen = await getItem(client, JsmEventsDatastore, id);
  // An expired item that was not deleted yet counts for nothing.
  if (seen && (seen.expires_at ?? 0) > now) {
    if (seen.state === "done") return { ok: false, why: "applied" };
    if (now - (seen.claimed_at ?? 0) < ABANDONED_AFTER_SECONDS) {
      return { ok: false, why: "in_progress" };
    }
  }
  const token = crypto.randomUUID();
  await putItem(client, JsmEventsDatastore, {
    id,
    state: "claimed",
    claim: token,
    claimed_at: now,
    expires_at: now + JSM_EVENT_WINDOW_SECONDS,
  });
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const stored = await getItem(client, JsmEventsDatastore, id);
  return stored?.claim === token
    ? { ok: true, token }
    : { ok: false, why: "in_progress" };
}

/** Applied: redeliveries within the window are recognised and skipped. */
export async function markJsmEventApplied(
  client: SlackAPIClient,
  id: string,
  token: string,
  now: number,
) {
  await putItem(client, JsmEventsDatastore, {
    id,
    state: "done",
    claim: token,
    claimed_at: now,
    expires_at: now + JSM_EVENT_WINDOW_SECONDS,
  });
}

/** Not applied after all: a redelivery may try again. */
export async function releaseJsmEvent(
  client: SlackAPIClient,
  id: string,
  token: string,
) {
  const stored = await getItem(client, JsmEventsDatastore, id);
  if (stored?.claim === token && stored.state !== "done") {
    await deleteItem(client, JsmEventsDatastore, id);
  }
}

/** Expired items deleted per update received: enough to keep up. */
const PURGE_PER_RUN = 10;

/**
 * Deletes a few expired items, from one page of a filtered query: each
 * update received removes more than it adds, so the store stays small
 * without a scheduled job.
 */
export async function purgeExpiredJsmEvents(
  client: SlackAPIClient,
  now: number,
): Promise<number> {
  const page = await slackCall(client, "apps.datastore.query", {
    datastore: JsmEventsDatastore.name,
    expression: "#expires_at < :now",
    expression_attributes: { "#expires_at": "expires_at" },
    expression_values: { ":now": now },
    limit: 100,
  });
  const expired = ((page.items ?? []) as Array<{ id?: unknown }>)
    .map((item) => item.id)
    .filter((id): id is string => typeof id === "string")
    .slice(0, PURGE_PER_RUN);
  await Promise.all(
    expired.map((id) => deleteItem(client, JsmEventsDatastore, id)),
  );
  return expired.length;
}
