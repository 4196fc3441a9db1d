// A message to a ticket: the intake emoji on a message in a queue's intake
// channel opens a ticket from it; the reactor is told when none was made.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import MessageToTicketFunction from "./definition.ts";
import { ticketFromMessage } from "../../use_cases/opening/message_intake.ts";
import { failIntake } from "../../use_cases/opening/intake_failure.ts";
import {
  filesEnabled,
  jsmEnabled,
} from "../../integrations/deployment/deployment_options.ts";

export default SlackFunction(
  MessageToTicketFunction,
  async ({ inputs, client, env, token }) => {
    try {
      const outcome = await ticketFromMessage(client, inputs, {
        syncToJsm: jsmEnabled(env),
        filesToken: filesEnabled(env) ? token : undefined,
      });
      return {
        outputs: outcome.kind === "opened"
          ? { ticket_id: outcome.opened.ticket.id }
          : {},
      };
    } catch (error) {
      return await failIntake(client, inputs, error);
    }
  },
);
