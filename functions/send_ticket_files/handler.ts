import { SlackFunction } from "deno-slack-sdk/mod.ts";
import SendTicketFilesFunction from "./definition.ts";
import { passOnFiles } from "../../use_cases/conversation/files_step.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";

export default SlackFunction(
  SendTicketFilesFunction,
  async ({ inputs, client, token, env }) => {
    try {
      const passed = await passOnFiles(client, token, {
        ticketId: inputs.ticket_id,
        files: inputs.files,
        by: inputs.added_by,
        to: inputs.to,
        jsm: jsmEnabled(env),
        now: Math.floor(Date.now() / 1000),
      });
      if (!passed.ok) return { error: passed.reason };
      return { outputs: { handled: passed.handled } };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "send_ticket_files failed",
        what: "Your files were not passed on.",
        tell: inputs.added_by ? { user: inputs.added_by } : undefined,
      });
    }
  },
);
