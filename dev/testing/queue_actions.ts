// Doing things to People-team tickets the way Slack would make Helpdesk do
// them: card and DM buttons through the update_ticket function, the Deny
// modal's submission, and the request type's settings form.
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  DENY_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import { saveSettings } from "./settings_forms.ts";
import {
  clientFor,
  functionContext,
  PEOPLE,
  settled,
  storedTicket,
} from "./harness.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { COMPLAINT, LAPTOP, PEOPLE_QUEUE } from "./queue_fixtures.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";

export function click(
  slack: FakeSlack,
  ticketId: string,
  action: string,
  actor: string,
) {
  return updateTicket(functionContext(UPDATE_TICKET_CALLBACK_ID, slack, {
    ticket_id: ticketId,
    action,
    actor,
    interactivity: {
      interactivity_pointer: "1234.5678.pointer",
      interactor: { id: actor, secret: "s" },
    },
  }));
}

export function submitDenial(
  slack: FakeSlack,
  ticketId: string,
  user: string,
  reason: string,
) {
  return submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: DENY_VIEW_CALLBACK_ID,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0DENY",
      user,
      privateMetadata: JSON.stringify({ ticket_id: ticketId }),
      values: {
        reason: { reason: { type: "plain_text_input", value: reason } },
      },
    }),
  );
}

/** Changes the laptop type's description through its settings form. */
export function editRequestType(
  slack: FakeSlack,
  admin: string,
  description: string,
) {
  return saveSettings(
    slack,
    "request_type",
    admin,
    { description },
    LAPTOP.id,
  );
}

export const GENERAL_TEXT = "Monitor arm is loose";
export const LAPTOP_TEXT = "Laptop for our new designer";
export const PRIVATE_TEXT = "My manager shouts at me in meetings";
export const PRIVATE_ANSWER = "It happened twice last week in room 4";

/** A People-team ticket of no particular type, in the triage channel. */
export async function openGeneral(
  slack: FakeSlack,
  changes: Partial<Ticket> = {},
) {
  const { ticket } = await openTicket(
    clientFor(slack),
    {
      summary: GENERAL_TEXT,
      description: "Desk 12",
      priority: "normal",
      category: "General",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { queueId: PEOPLE_QUEUE.id },
  );
  if (Object.keys(changes).length) {
    await putTicket(clientFor(slack), { ...ticket, ...changes });
  }
  await settled(slack);
  // As stored, with what the store keeps besides (its report days).
  return await storedTicket(slack, ticket.id);
}

/** A laptop request, waiting for approval. */
export async function openLaptop(slack: FakeSlack) {
  const { ticket } = await openTicket(
    clientFor(slack),
    {
      summary: LAPTOP_TEXT,
      description: "Starts on the 1st",
      priority: "normal",
      category: LAPTOP.name,
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    {
      requestType: LAPTOP,
      answers: [
        { label: "Model", value: "Pro" },
        { label: "Start date", value: "2026-12-01" },
      ],
    },
  );
  await settled(slack);
  return ticket;
}

/** A private complaint, its card in the shared triage channel. */
export async function openComplaint(slack: FakeSlack) {
  const { ticket } = await openTicket(
    clientFor(slack),
    {
      summary: PRIVATE_TEXT,
      description: "Please keep this between us.",
      priority: "high",
      category: COMPLAINT.name,
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    {
      requestType: COMPLAINT,
      answers: [{ label: "What happened", value: PRIVATE_ANSWER }],
    },
  );
  return ticket;
}
