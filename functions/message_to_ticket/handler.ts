import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import MessageToTicketFunction from "./definition.ts";
import { ticketFromMessage } from "../../use_cases/opening/message_intake.ts";
import {
  NotShownYet,
  SettingsProblem,
} from "../../use_cases/opening/open_ticket.ts";
import { openingFailure } from "../../use_cases/opening/finish_opening.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";

export default SlackFunction(
  MessageToTicketFunction,
  async ({ inputs, client, env }) => {
    try {
      const outcome = await ticketFromMessage(client, inputs, {
        syncToJsm: jsmEnabled(env),
      });
      return {
        outputs: outcome.kind === "opened"
          ? { ticket_id: outcome.opened.ticket.id }
          : {},
      };
    } catch (error) {
      return await failAndTell(client, error, {
        log: error instanceof SettingsProblem
          ? undefined
          : "message_to_ticket failed",
        tell: { user: inputs.user, channel: inputs.channel },
        message: error instanceof NotShownYet
          ? openingFailure(error, "React again to finish it.")
          : error instanceof SettingsProblem
          // Settings problems are plain text, with names people typed.
          ? `No ticket was made from that message. ${
            escapeMrkdwn(error.message)
          }`
          : undefined,
        what: "No ticket was made from that message.",
      });
    }
  },
);
