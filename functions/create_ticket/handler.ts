import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import CreateTicketFunction from "./definition.ts";
import { validateNewTicket } from "../../helpdesk/tickets/ticket_input.ts";
import { type Source, SOURCES } from "../../helpdesk/tickets/model.ts";
import {
  NotConfiguredError,
  NotShownYet,
  openTicket,
  SettingsProblem,
} from "../../use_cases/opening/open_ticket.ts";
import { openingFailure } from "../../use_cases/opening/finish_opening.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import { stepDestination } from "../../use_cases/opening/step_destination.ts";

export default SlackFunction(
  CreateTicketFunction,
  async ({ inputs, client, env, event }) => {
    const validated = validateNewTicket(inputs);
    if (!validated.ok) {
      return {
        error: `Helpdesk couldn't open the ticket. ${
          validated.problems.join(" ")
        }`,
      };
    }
    const source: Source =
      (SOURCES as readonly string[]).includes(inputs.source ?? "")
        ? inputs.source as Source
        : "workflow_step";
    try {
      // The queue and request type the builder named, if any.
      const destination = await stepDestination(
        client,
        inputs.queue,
        inputs.request_type,
      );
      if (!destination.ok) {
        const message = `Helpdesk couldn't open your ticket “${
          escapeMrkdwn(validated.value.summary)
        }”. ${destination.problem}`;
        await tellPerson(client, { user: validated.value.requester }, message)
          .catch(() => {});
        return { error: message };
      }
      const type = destination.requestType;
      const { ticket, cardLink } = await openTicket(
        client,
        // A type's name is its tickets' category, as in the request form.
        type ? { ...validated.value, category: type.name } : validated.value,
        source,
        Date.now(),
        {
          // Slack gives the same execution again only to this step run.
          creationKey: creationKeys.execution(event.function_execution_id),
          syncToJsm: jsmEnabled(env),
          queueId: destination.queue?.id,
          requestType: type,
          settings: destination.settings,
          queue: destination.queue,
        },
      );
      return {
        outputs: {
          ticket_id: ticket.id,
          ticket_key: ticket.key,
          card_permalink: cardLink,
          status: ticket.status,
        },
      };
    } catch (error) {
      const configured = !(error instanceof NotConfiguredError);
      // Logged once, with the details; people get what to do about it.
      // The workflow reports the error too, but not always to the requester.
      return await failAndTell(client, error, {
        log: configured ? "create_ticket failed" : undefined,
        tell: { user: validated.value.requester },
        message: !configured
          ? NOT_CONFIGURED
          : error instanceof NotShownYet
          ? openingFailure(error, "")
          : `Helpdesk couldn't open your ticket “${
            escapeMrkdwn(validated.value.summary)
          }”. ${
            // Settings problems are worded in plain text, with names typed.
            error instanceof SettingsProblem
              ? escapeMrkdwn(error.message)
              : explainFailure(error)}`,
      });
    }
  },
);
