import { SlackFunction } from "deno-slack-sdk/mod.ts";
import JsmUpdateFunction from "./definition.ts";
import { applyJsmDelivery } from "../../use_cases/jsm/jsm_delivery.ts";
import { jsmFilesAccess } from "../../use_cases/jsm/jsm_files_access.ts";
import { checkWebhookSecret } from "../../integrations/jsm/webhook_secret.ts";
import {
  issueKeyProblem,
  readJsmWebhook,
} from "../../integrations/jsm/webhook_payload.ts";

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
    const applied = await applyJsmDelivery(
      client,
      update,
      Math.floor(Date.now() / 1000),
      update.attachments
        ? await jsmFilesAccess(client, env, inputs.jsm_access_token)
        : undefined,
    );
    return applied.ok
      ? { outputs: { result: applied.result } }
      : { error: applied.reason };
  },
);

function refuse(reason: string) {
  console.warn(reason);
  return { error: reason };
}
