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
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  findTicketId,
  getTicket,
  lookupByStepRequest,
} from "../../slack/storage/ticket_store.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { sameStepRequest } from "../../slack/blocks/intake_messages.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  NotConfiguredError,
  NotShownYet,
  savedNotShownYet,
  SettingsProblem,
} from "./opening_failures.ts";
import { openTicket, startOpening } from "./open_ticket.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
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

/** How long the same request run again is taken for the same ticket. */
export const SAME_REQUEST_SECONDS = 10 * 60;

/** Who asked and everything they filled in, as one digest. */
async function stepRequestDigest(
  fields: NewTicketFields,
  source: Source,
  named: { queue?: string; request_type?: string },
): Promise<string> {
  const what = JSON.stringify([
    fields.requester,
    fields.summary,
    fields.description,
    fields.priority,
    fields.category,
    fields.source_channel ?? "",
    source,
    named.queue ?? "",
    named.request_type ?? "",
  ]);
  const hash = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(what),
  );
  return [...new Uint8Array(hash)].slice(0, 16)
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The ticket the same request made minutes ago, if it is still open. */
async function recentStepTicket(
  client: SlackAPIClient,
  lookup: string,
  nowMs: number,
): Promise<Ticket | undefined> {
  const id = await findTicketId(client, lookup);
  const ticket = id ? await getTicket(client, id) : undefined;
  if (!ticket?.creation_key || ticket.status === "closed") return undefined;
  return nowMs / 1000 - ticket.created_at < SAME_REQUEST_SECONDS
    ? ticket
    : undefined;
}

export async function openTicketFromStep(
  client: SlackAPIClient,
  request: Extract<StepRequest, { ok: true }>,
  named: { queue?: string; request_type?: string },
  run: { executionId: string; syncToJsm: boolean; nowMs?: number },
): Promise<StepOpening> {
  const nowMs = run.nowMs ?? Date.now();
  // Everything opening reads goes at once: where the builder said, the same
  // request run again within minutes (a person who ran the workflow again
  // after a failure: the ticket it made, not another), and what opening
  // reads of this execution (a free key, what a run Slack gave again saved).
  const digest = stepRequestDigest(request.fields, request.source, named)
    .then(lookupByStepRequest);
  const started = startOpening(
    client,
    creationKeys.execution(run.executionId),
    // Where nothing is named, the default queue: the search for solved
    // tickets to suggest can start now too.
    named.queue?.trim() || named.request_type?.trim() ? undefined : {
      requester: request.fields.requester,
      queue_id: DEFAULT_QUEUE_ID,
      summary: request.fields.summary,
      description: request.fields.description,
    },
  );
  const recentTicket = digest.then((lookup) =>
    recentStepTicket(client, lookup, nowMs)
  );
  const [destination, recent, lookup] = await Promise.all([
    stepDestination(client, named.queue, named.request_type),
    recentTicket,
    digest,
  ]);
  if (!destination.ok) {
    return {
      ok: false,
      problem: `Helpdesk couldn't open your ticket “${
        escapeMrkdwn(request.fields.summary)
      }”. ${destination.problem}`,
    };
  }
  const type = destination.requestType;
  const fields = type
    ? { ...request.fields, category: type.name }
    : request.fields;
  const { ticket, cardLink } = await openTicket(
    client,
    // A type's name is its tickets' category, as in the request form.
    fields,
    request.source,
    nowMs,
    {
      // Slack gives the same execution again only to this step run.
      started,
      sameRequest: recentTicket,
      // Indexed with the ticket, so that running the workflow again finds
      // what this run saved.
      alsoIndex: [lookup],
      syncToJsm: run.syncToJsm,
      queueId: destination.queue.id,
      requestType: type,
      settings: destination.settings,
      queue: destination.queue,
    },
  );
  if (recent) {
    const minutes = Math.floor((nowMs / 1000 - recent.created_at) / 60);
    await tellPerson(
      client,
      { user: fields.requester },
      sameStepRequest(ticket, minutes),
    ).catch((error) => console.warn(`${ticket.key}: not told`, error));
  }
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
      ? savedNotShownYet(error)
      : `Helpdesk couldn't open your ticket “${escapeMrkdwn(summary)}”. ${
        // Settings problems are worded in plain text, with names typed.
        error instanceof SettingsProblem
          ? escapeMrkdwn(error.message)
          : explainFailure(error)}`,
  };
}
