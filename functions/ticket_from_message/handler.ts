import { SlackFunction } from "deno-slack-sdk/mod.ts";
import TicketFromMessageFunction from "./definition.ts";
import { ticketFromMessage } from "../../slack/operations/message_intake.ts";
import { SettingsProblem } from "../../slack/operations/open_ticket.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";

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
      const reason = error instanceof SettingsProblem
        ? error.message
        : explainFailure(error);
      if (!(error instanceof SettingsProblem)) {
        console.error("ticket_from_message failed", error);
      }
      const message = `No ticket was made from that message. ${reason}`;
      await tellPerson(
        client,
        { user: inputs.user, channel: inputs.channel },
        message,
      ).catch(() => {});
      return { error: message };
    }
  },
);
