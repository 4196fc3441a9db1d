import { SlackFunction } from "deno-slack-sdk/mod.ts";
import JsmUpdateFunction from "./definition.ts";
import { receiveJsmUpdate } from "../../use_cases/jsm/jsm_inbound.ts";
import { checkWebhookSecret } from "../../integrations/jsm/webhook_secret.ts";
import {
  eventIdentity,
  issueKeyProblem,
  readJsmWebhook,
} from "../../integrations/jsm/webhook_payload.ts";
import {
  claimJsmEvent,
  markJsmEventApplied,
  purgeExpiredJsmEvents,
  releaseJsmEvent,
} from "../../slack/storage/jsm_event_store.ts";

export default SlackFunction(
  JsmUpdateFunction,
  async ({ inputs, env, client }) => {
    // Whatever the body holds, it is checked for shape before anything
    // else, and nothing below throws out of this function: a webhook run
    // ends with a result or a logged refusal.
    const reading = readJsmWebhook(inputs as Record<string, unknown>);
    if (!reading.ok) return refuse(reading.reason);
    const update = reading.update;
    // Slack's webhook URL is the only other guard, and URLs leak (logs,
    // screenshots): nothing is read or changed before the secret matches.
    const check = checkWebhookSecret(env.JSM_WEBHOOK_SECRET, update.secret);
    if (!check.ok) return refuse(check.reason);
    const badKey = issueKeyProblem(update.issueKey);
    if (badKey) return refuse(badKey);
    const now = Math.floor(Date.now() / 1000);
    let identity: string | undefined;
    let token: string | undefined;
    try {
      identity = await eventIdentity(update);
      if (identity) {
        const claim = await claimJsmEvent(client, identity, now);
        if (!claim.ok) {
          const result = claim.why === "applied"
            ? `ignored: ${update.issueKey}'s update was applied already (a redelivery)`
            : `ignored: ${update.issueKey}'s update is being applied by another delivery`;
          console.info(`JSM webhook ${result}`);
          return { outputs: { result } };
        }
        token = claim.token;
      }
      const outcome = await receiveJsmUpdate(client, update, now);
      if (!outcome.ok) {
        if (identity && token) await releaseJsmEvent(client, identity, token);
        return refuse(outcome.reason);
      }
      if (identity && token) {
        // Not all applied (the ticket was busy): a redelivery may finish it.
        if (outcome.incomplete) {
          await releaseJsmEvent(client, identity, token);
        } else await markJsmEventApplied(client, identity, token, now);
      }
      // Housekeeping, which must not turn an applied update into an error.
      await purgeExpiredJsmEvents(client, now).catch((error) =>
        console.warn("expired JSM events not purged", error)
      );
      return { outputs: { result: outcome.result } };
    } catch (error) {
      console.error(`JSM update for ${update.issueKey} failed`, error);
      // Not applied: a redelivery may try again.
      if (identity && token) {
        await releaseJsmEvent(client, identity, token).catch(() => {});
      }
      return {
        error: `The JSM update for ${update.issueKey} was not applied (${
          error instanceof Error ? error.message : String(error)
        }); when JSM sends it again, it is tried again.`,
      };
    }
  },
);

function refuse(reason: string) {
  console.warn(reason);
  return { error: reason };
}
