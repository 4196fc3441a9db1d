// The "Edit…" modal: the ticket's summary, description, priority and
// category, filled in as they are. What the form showed travels in its
// metadata as fingerprints (helpdesk/tickets/ticket_edit.ts), so saving can
// tell the agent's changes from someone else's made meanwhile.
import type { InputBlock, ModalView } from "@slack/types";
import {
  PRIORITIES,
  PRIORITY_LABELS,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import {
  DEFAULT_CATEGORY,
  LIMITS,
} from "../../helpdesk/tickets/ticket_input.ts";
import {
  type EditForm,
  type SeenFields,
  seenFields,
} from "../../helpdesk/tickets/ticket_edit.ts";
import type { ViewState } from "./view_state.ts";

/** Each field's block and action id is the field's name. */
export function editModal(ticket: Ticket, callbackId: string): ModalView {
  const text = (
    field: "summary" | "description" | "category",
    label: string,
    extra: { multiline?: boolean; optional?: boolean; hint?: string },
  ): InputBlock => ({
    type: "input",
    block_id: field,
    label: { type: "plain_text", text: label },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: "plain_text", text: extra.hint } } : {}),
    element: {
      type: "plain_text_input",
      action_id: field,
      max_length: LIMITS[field],
      ...(extra.multiline ? { multiline: true } : {}),
      ...(ticket[field] ? { initial_value: ticket[field] } : {}),
    },
  });
  const option = (p: typeof PRIORITIES[number]) => ({
    text: { type: "plain_text" as const, text: PRIORITY_LABELS[p] },
    value: p,
  });
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: JSON.stringify({
      ticket_id: ticket.id,
      seen: seenFields(ticket),
    }),
    title: { type: "plain_text", text: `Edit ${ticket.key}` },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [{
          type: "mrkdwn",
          text:
            `*${ticket.key}*: the change shows on its card and in its thread${
              ticket.private
                ? " (which names the fields, not what they say)"
                : ""
            }.`,
        }],
      },
      text("summary", "Summary", {}),
      text("description", "Description", { multiline: true, optional: true }),
      {
        type: "input",
        block_id: "priority",
        label: { type: "plain_text", text: "Priority" },
        hint: {
          type: "plain_text",
          text: "Its service-level deadlines follow the new priority.",
        },
        element: {
          type: "static_select",
          action_id: "priority",
          options: PRIORITIES.map(option),
          initial_option: option(ticket.priority),
        },
      },
      text("category", "Category", {
        optional: true,
        hint: `Empty means ${DEFAULT_CATEGORY}.`,
      }),
    ],
  };
}

/** The form as submitted, field by field. */
export function editFormFrom(state: ViewState): EditForm {
  return {
    summary: state.text("summary"),
    description: state.text("description"),
    category: state.text("category"),
    priority: state.choice("priority") ?? "",
  };
}

/** The ticket and what the form showed, from the modal's metadata. */
export function editMetadata(
  privateMetadata: string | undefined,
): { ticketId: string; seen: SeenFields } | undefined {
  try {
    const parsed = JSON.parse(privateMetadata ?? "");
    const seen = parsed?.seen;
    if (typeof parsed?.ticket_id !== "string" || typeof seen !== "object") {
      return undefined;
    }
    const fields = ["summary", "description", "priority", "category"];
    if (!fields.every((f) => typeof seen[f] === "string")) return undefined;
    return { ticketId: parsed.ticket_id, seen: seen as SeenFields };
  } catch {
    return undefined;
  }
}
