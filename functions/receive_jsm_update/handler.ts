import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ReceiveJsmUpdateFunction from "./definition.ts";
import { receiveJsmUpdate } from "../../slack/operations/jsm_inbound.ts";
import { checkWebhookSecret } from "../../integrations/jsm/webhook_secret.ts";

export default SlackFunction(
  ReceiveJsmUpdateFunction,
  async ({ inputs, env, client }) => {
    // Slack's webhook URL is the only other guard, and URLs leak (logs,
    // screenshots): nothing is read or changed before the secret matches.
    const check = checkWebhookSecret(env.JSM_WEBHOOK_SECRET, inputs.secret);
    if (!check.ok) {
      console.warn(`JSM webhook refused: ${check.reason}`);
      return { error: check.reason };
    }
    const issueKey = inputs.issue_key.trim();
    if (!/^[A-Z][A-Z0-9_]*-\d+$/.test(issueKey)) {
      return {
        error:
          `"${issueKey}" is not a JSM request key like IT-12: check the rule's issue_key, which should be {{issue.key}}.`,
      };
    }
    const outcome = await receiveJsmUpdate(client, {
      issueKey,
      status: inputs.status?.trim() || undefined,
      comment: inputs.comment?.trim()
        ? {
          body: inputs.comment,
          author: inputs.comment_author?.trim() ?? "",
          // Only an explicit "false" keeps a comment from the requester, so
          // the rule must say so for internal comments (see the README).
          isPublic: inputs.comment_public?.trim().toLowerCase() !== "false",
        }
        : undefined,
    }, Math.floor(Date.now() / 1000));
    if (!outcome.ok) return { error: outcome.reason };
    return { outputs: { result: outcome.result } };
  },
);
