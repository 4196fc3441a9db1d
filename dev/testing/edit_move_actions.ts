// Submitting the card's Edit… and Move… modals the way Slack would send
// them to update_ticket: the view's metadata as the modal set it, and the
// values by block and action id.
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  EDIT_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { seenFields } from "../../helpdesk/tickets/ticket_edit.ts";
import { TARGET_BLOCK } from "../../slack/blocks/move_modal.ts";

export interface EditValues {
  summary?: string;
  description?: string;
  priority?: string;
  category?: string;
}

/**
 * The Edit modal submitted by `user` with `values` over what the form
 * showed (`shown`, the ticket when it opened).
 */
export function submitEdit(
  slack: FakeSlack,
  shown: Ticket,
  user: string,
  values: EditValues,
  executionId = `Fx0EDIT${crypto.randomUUID().slice(0, 8)}`,
) {
  const filled = {
    summary: shown.summary,
    description: shown.description,
    priority: shown.priority,
    category: shown.category,
    ...values,
  };
  const text = (value: string) => ({ type: "plain_text_input", value });
  return submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: EDIT_VIEW_CALLBACK_ID,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId,
      user,
      privateMetadata: JSON.stringify({
        ticket_id: shown.id,
        seen: seenFields(shown),
      }),
      values: {
        summary: { summary: text(filled.summary) },
        description: { description: text(filled.description) },
        category: { category: text(filled.category) },
        priority: {
          priority: {
            type: "static_select",
            selected_option: { value: filled.priority },
          },
        },
      },
    }),
  );
}

export function submitMove(
  slack: FakeSlack,
  ticketId: string,
  user: string,
  queueId: string,
  executionId = `Fx0MOVE${crypto.randomUUID().slice(0, 8)}`,
) {
  return submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: MOVE_VIEW_CALLBACK_ID,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId,
      user,
      privateMetadata: JSON.stringify({ ticket_id: ticketId }),
      values: {
        [TARGET_BLOCK]: {
          [TARGET_BLOCK]: {
            type: "static_select",
            selected_option: { value: queueId },
          },
        },
      },
    }),
  );
}
