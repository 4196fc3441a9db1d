// One delivery of JSM's webhook, already read and its secret checked: JSM
// (like any webhook sender) delivers again after a timeout, so each update
// is claimed by its identity first (slack/storage/jsm_event_store.ts), and
// applied once. One not applied, or not all applied, is released so that a
// redelivery may finish it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  eventIdentity,
  type JsmWebhookUpdate,
} from "../../integrations/jsm/webhook_payload.ts";
import {
  claimJsmEvent,
  markJsmEventApplied,
  purgeExpiredJsmEvents,
  releaseJsmEvent,
} from "../../slack/storage/jsm_event_store.ts";
import { type JsmFilesAccess, receiveJsmUpdate } from "./jsm_inbound.ts";

/**
 * What the run reports: what was done, or why not (logged here). Nothing
 * below throws: a webhook run ends with a result or a logged refusal.
 */
export async function applyJsmDelivery(
  client: SlackAPIClient,
  update: JsmWebhookUpdate,
  now: number,
  files?: JsmFilesAccess,
): Promise<{ ok: true; result: string } | { ok: false; reason: string }> {
  let identity: string | undefined;
  let token: string | undefined;
  const release = async () => {
    if (identity && token) await releaseJsmEvent(client, identity, token);
  };
  try {
    identity = await eventIdentity(update);
    if (identity) {
      const claim = await claimJsmEvent(client, identity, now);
      if (!claim.ok) {
        const result = claim.why === "applied"
          ? `ignored: ${update.issueKey}'s update was applied already (a redelivery)`
          : `ignored: ${update.issueKey}'s update is being applied by another delivery`;
        console.info(`JSM webhook ${result}`);
        return { ok: true, result };
      }
      token = claim.token;
    }
    const outcome = await receiveJsmUpdate(client, update, now, files);
    if (!outcome.ok) {
      await release();
      console.warn(outcome.reason);
      return outcome;
    }
    // Not all applied (the ticket was busy): a redelivery may finish it.
    if (outcome.incomplete) await release();
    else if (identity && token) {
      await markJsmEventApplied(client, identity, token, now);
    }
    // Housekeeping, which must not turn an applied update into an error.
    await purgeExpiredJsmEvents(client, now).catch((error) =>
      console.warn("expired JSM events not purged", error)
    );
    return { ok: true, result: outcome.result };
  } catch (error) {
    console.error(`JSM update for ${update.issueKey} failed`, error);
    // Not applied: a redelivery may try again.
    await release().catch((releasing) =>
      console.warn(`JSM update for ${update.issueKey} not released`, releasing)
    );
    return {
      ok: false,
      reason: `The JSM update for ${update.issueKey} was not applied (${
        error instanceof Error ? error.message : String(error)
      }); when JSM sends it again, it is tried again.`,
    };
  }
}
