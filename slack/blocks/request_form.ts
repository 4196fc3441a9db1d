// The request form the "Open a ticket" shortcut shows: first what kind of
// request (when the queues have request types), then the summary, details,
// priority and the chosen type's own questions.
import { filesField } from "./file_field.ts";
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { PRIORITIES, PRIORITY_LABELS } from "../../helpdesk/tickets/model.ts";
import { LIMITS } from "../../helpdesk/tickets/ticket_input.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { RequestType } from "../../helpdesk/request_types/request_type.ts";
import {
  fieldBlockId,
  type FormField,
  formFieldBlocks,
} from "../../helpdesk/request_types/form_fields.ts";
import type { ViewState } from "./view_state.ts";
import { plainWithin } from "./mrkdwn.ts";

export const CHOOSE_TYPE_VIEW = "request_type_choice";
export const DETAILS_VIEW = "request_details";
export const TYPE_BLOCK = "request_type";
export const SUMMARY_BLOCK = "summary";
export const DESCRIPTION_BLOCK = "description";
export const PRIORITY_BLOCK = "priority";
export const INPUT_ACTION = "value";
/** The choice for a request of no particular type, in the default queue. */
export const GENERAL_REQUEST = "general";

export function chooseTypeView(
  queues: readonly Queue[],
  types: readonly RequestType[],
): ModalView {
  const groups = queues.map((queue) => ({
    label: { type: "plain_text" as const, text: plainWithin(queue.name, 75) },
    options: types.filter((t) => t.queue_id === queue.id).map((t) =>
      option(t.id, t.name, t.description)
    ),
  })).filter((g) => g.options.length > 0);
  groups.unshift({
    label: { type: "plain_text", text: "Other" },
    options: [option(GENERAL_REQUEST, "Something else", "A general request")],
  });
  return {
    type: "modal",
    callback_id: CHOOSE_TYPE_VIEW,
    notify_on_close: true,
    title: { type: "plain_text", text: "Open a ticket" },
    submit: { type: "plain_text", text: "Next" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [{
      type: "input",
      block_id: TYPE_BLOCK,
      label: { type: "plain_text", text: "What do you need?" },
      element: {
        type: "static_select",
        action_id: INPUT_ACTION,
        // Slack allows 100 options in all; the first 100 types are offered.
        option_groups: groups.slice(0, 100),
      },
    }],
  };
}

function option(
  value: string,
  name: string,
  description: string,
): PlainTextOption {
  return {
    text: { type: "plain_text", text: plainWithin(name, 75) },
    value,
    ...(description
      ? {
        description: { type: "plain_text", text: plainWithin(description, 75) },
      }
      : {}),
  };
}

export function detailsView(
  type: RequestType | undefined,
  options: { files?: boolean } = {},
): ModalView {
  const priorities: PlainTextOption[] = PRIORITIES.map((p) => ({
    text: { type: "plain_text", text: PRIORITY_LABELS[p] },
    value: p,
  }));
  const blocks: KnownBlock[] = [];
  if (type?.private) {
    blocks.push({
      type: "context",
      elements: [{
        type: "mrkdwn",
        text:
          ":lock: Private request: only the queue's agents see what you write here.",
      }],
    });
  }
  if (type?.needs_approval) {
    blocks.push({
      type: "context",
      elements: [{
        type: "mrkdwn",
        text: ":raised_hand: This needs approval before the team starts on it.",
      }],
    });
  }
  blocks.push(
    {
      type: "input",
      block_id: SUMMARY_BLOCK,
      label: { type: "plain_text", text: "Summary" },
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION,
        max_length: LIMITS.summary,
        placeholder: {
          type: "plain_text",
          text: "What do you need, in a few words?",
        },
      },
    },
    {
      type: "input",
      block_id: DESCRIPTION_BLOCK,
      optional: true,
      label: { type: "plain_text", text: "Details" },
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: LIMITS.description,
      },
    },
    {
      type: "input",
      block_id: PRIORITY_BLOCK,
      label: { type: "plain_text", text: "Priority" },
      element: {
        type: "static_select",
        action_id: INPUT_ACTION,
        options: priorities,
        initial_option: priorities[1],
      },
    },
    ...formFieldBlocks(type?.fields ?? []),
  );
  if (options.files) {
    // Copied to the card's thread once the ticket is open (send_ticket_files).
    blocks.push(filesField(
      "Files",
      type?.private
        ? "A screenshot, a log: only the queue's agents get them."
        : "A screenshot, a log: the agents get them with your request.",
    ));
  }
  return {
    type: "modal",
    callback_id: DETAILS_VIEW,
    notify_on_close: true,
    private_metadata: JSON.stringify({ request_type_id: type?.id ?? "" }),
    title: {
      type: "plain_text",
      text: plainWithin(type?.name ?? "Open a ticket", 24),
    },
    submit: { type: "plain_text", text: "Open ticket" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

export function requestTypeIdFrom(privateMetadata: string | undefined) {
  try {
    const id = JSON.parse(privateMetadata ?? "{}").request_type_id;
    return typeof id === "string" && id ? id : undefined;
  } catch {
    return undefined;
  }
}

/** What was submitted for one of the request type's own questions. */
export function typeAnswerFrom(state: ViewState) {
  return (field: FormField): string | undefined => {
    const block = fieldBlockId(field);
    switch (field.type) {
      case "date":
        return state.date(block);
      case "select":
      case "user":
        return state.choice(block);
      default:
        return state.text(block);
    }
  };
}
