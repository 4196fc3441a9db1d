// The "Create a Helpdesk ticket" Workflow Builder step: what the builder
// filled in is checked like any input, the ticket goes where they named
// (step_destination.ts), and a run Slack gives again for this step (the
// same execution) finishes the same ticket instead of opening another.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { type Source, SOURCES } from "../../helpdesk/tickets/model.ts";
import {
  type NewTicketFields,
  type NewTicketInput,
  validateNewTicket,
} from "../../helpdesk/tickets/ticket_input.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  NotConfiguredError,
  NotShownYet,
  openingFailure,
  SettingsProblem,
} from "./finish_opening.ts";
import { openTicket } from "./open_ticket.ts";
import { stepDestination } from "./step_destination.ts";

export interface StepInputs extends NewTicketInput {
  source?: string;
  queue?: string;
  request_type?: string;
}

export type StepRequest =
  | { ok: true; fields: NewTicketFields; source: Source }
  | { ok: false; error: string };

/** The step's inputs checked: the ticket's fields, and where it came from. */
export function stepRequest(inputs: StepInputs): StepRequest {
  const validated = validateNewTicket(inputs);
  if (!validated.ok) {
    return {
      ok: false,
      error: `Helpdesk couldn't open the ticket. ${
        validated.problems.join(" ")
      }`,
    };
  }
  const source: Source =
    (SOURCES as readonly string[]).includes(inputs.source ?? "")
      ? inputs.source as Source
      : "workflow_step";
  return { ok: true, fields: validated.value, source };
}

export type StepOpening =
  | {
    ok: true;
    outputs: {
      ticket_id: string;
      ticket_key: string;
      card_permalink: string;
      status: string;
    };
  }
  /** Nothing opened: what to tell the requester. */
  | { ok: false; problem: string };

export async function openTicketFromStep(
  client: SlackAPIClient,
  request: Extract<StepRequest, { ok: true }>,
  named: { queue?: string; request_type?: string },
  run: { executionId: string; syncToJsm: boolean },
): Promise<StepOpening> {
  // The queue and request type the builder named, if any.
  const destination = await stepDestination(
    client,
    named.queue,
    named.request_type,
  );
  if (!destination.ok) {
    return {
      ok: false,
      problem: `Helpdesk couldn't open your ticket “${
        escapeMrkdwn(request.fields.summary)
      }”. ${destination.problem}`,
    };
  }
  const type = destination.requestType;
  const { ticket, cardLink } = await openTicket(
    client,
    // A type's name is its tickets' category, as in the request form.
    type ? { ...request.fields, category: type.name } : request.fields,
    request.source,
    Date.now(),
    {
      // Slack gives the same execution again only to this step run.
      creationKey: creationKeys.execution(run.executionId),
      syncToJsm: run.syncToJsm,
      queueId: destination.queue?.id,
      requestType: type,
      settings: destination.settings,
      queue: destination.queue,
    },
  );
  return {
    ok: true,
    outputs: {
      ticket_id: ticket.id,
      ticket_key: ticket.key,
      card_permalink: cardLink,
      status: ticket.status,
    },
  };
}

/**
 * What the requester is told when the step failed, and the log line: a
 * step run before setup is expected and not logged.
 */
export function stepFailure(
  error: unknown,
  summary: string,
): { log?: string; message: string } {
  if (error instanceof NotConfiguredError) {
    return { message: NOT_CONFIGURED };
  }
  return {
    log: "create_ticket failed",
    message: error instanceof NotShownYet
      ? openingFailure(error, "")
      : `Helpdesk couldn't open your ticket “${escapeMrkdwn(summary)}”. ${
        // Settings problems are worded in plain text, with names typed.
        error instanceof SettingsProblem
          ? escapeMrkdwn(error.message)
          : explainFailure(error)}`,
  };
}
