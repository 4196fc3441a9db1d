import { SlackFunction } from "deno-slack-sdk/mod.ts";
import TicketFromMessageFunction from "./definition.ts";
import { ticketFromMessage } from "../../use_cases/opening/message_intake.ts";
import {
  NotShownYet,
  SettingsProblem,
} from "../../use_cases/opening/open_ticket.ts";
import { openingFailure } from "../../use_cases/opening/finish_opening.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";

export default SlackFunction(
  TicketFromMessageFunction,
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
      if (!(error instanceof SettingsProblem)) {
        console.error("ticket_from_message failed", error);
      }
      const message = error instanceof NotShownYet
        ? openingFailure(error, "React again to finish it.")
        : `No ticket was made from that message. ${
          // Settings problems are plain text, with names people typed.
          error instanceof SettingsProblem
            ? escapeMrkdwn(error.message)
            : explainFailure(error)}`;
      await tellPerson(
        client,
        { user: inputs.user, channel: inputs.channel },
        message,
      ).catch(() => {});
      return { error: message };
    }
  },
);
