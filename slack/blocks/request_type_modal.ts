// The "Configure a request type" modal: first which type (grouped by the
// queues the person may change, each with a new one), then that type's
// form, opened on what is saved.
import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  PRIVATE_JSM_MIRRORS,
  type PrivateJsmMirror,
  type RequestType,
} from "../../helpdesk/request_types/request_type.ts";
import {
  MAX_REQUEST_TYPE_DESCRIPTION,
  MAX_REQUEST_TYPE_NAME,
  requestTypeFormFrom,
  type RequestTypeFormInput,
} from "../../helpdesk/request_types/request_type_form.ts";
import { FIELD_TYPES } from "../../helpdesk/request_types/form_fields.ts";
import {
  checkboxInput,
  MAX_OPTIONS,
  option,
  textInput,
} from "./settings_inputs.ts";
import { plainWithin } from "./mrkdwn.ts";
import type { ViewState } from "./view_state.ts";
import { type ModalSubject, versionMetadata } from "./saved_version.ts";

export const TYPE_CHOICE_BLOCK = "request_type";
const NEW_PREFIX = "new:";

/** The picker's value for a new type in a queue, and back. */
export const newTypeIn = (queueId: string) => `${NEW_PREFIX}${queueId}`;
export function queueOfNewType(value: string): string | undefined {
  return value.startsWith(NEW_PREFIX)
    ? value.slice(NEW_PREFIX.length)
    : undefined;
}

export function requestTypeChoiceModal(
  queues: readonly Queue[],
  types: readonly RequestType[],
  callbackId: string,
): ModalView {
  // Slack takes up to 100 groups of up to 100 options: one group a queue,
  // its new type first.
  const groups = [...queues]
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_OPTIONS)
    .map((queue) => ({
      label: { type: "plain_text" as const, text: plainWithin(queue.name, 75) },
      options: [
        option(newTypeIn(queue.id), `A new request type for ${queue.name}`),
        ...types.filter((t) => t.queue_id === queue.id).map((t) =>
          option(t.id, t.name)
        ),
      ].slice(0, MAX_OPTIONS) as PlainTextOption[],
    }));
  const block: InputBlock = {
    type: "input",
    block_id: TYPE_CHOICE_BLOCK,
    label: { type: "plain_text", text: "Which request type?" },
    element: {
      type: "static_select",
      action_id: TYPE_CHOICE_BLOCK,
      option_groups: groups,
    },
  };
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    title: { type: "plain_text", text: "Request types" },
    submit: { type: "plain_text", text: "Next" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [block],
  };
}

/** The type's form; `type` undefined for a new one in `queue`. */
export function requestTypeModal(
  queue: Queue,
  type: RequestType | undefined,
  callbackId: string,
  subject: ModalSubject,
): ModalView {
  const form: Partial<RequestTypeFormInput> = type
    ? requestTypeFormFrom(type)
    : {};
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: versionMetadata(subject),
    title: {
      type: "plain_text",
      text: type ? "Change a request type" : "New request type",
    },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [{
          type: "plain_text",
          text: plainWithin(
            `In the ${queue.name} queue. The request form asks for a summary, details and priority, then this type's own questions.`,
            2000,
          ),
        }],
      },
      textInput("name", "Request type", form.name, {
        maxLength: MAX_REQUEST_TYPE_NAME,
        ...(type
          ? { hint: "Change it to rename the type; its tickets keep it." }
          : {}),
      }),
      textInput("description", "Description", form.description, {
        optional: true,
        maxLength: MAX_REQUEST_TYPE_DESCRIPTION,
        hint: "Shown under its name in the request form.",
      }),
      textInput("fields", "Questions", form.fields, {
        optional: true,
        multiline: true,
        hint: `One per line: “Label: type”, type ${
          FIELD_TYPES.join(", ").replace("select", "select(A, B)")
        }; * after the label makes it required.`,
      }),
      checkboxInput(
        "needs_approval",
        "Approval",
        "Needs approval",
        form.needs_approval === true,
      ),
      textInput("approvers", "Approvers", form.approvers, {
        optional: true,
        hint: "Empty means ${superusers}; e.g. ${owner}, ${admins}.",
      }),
      checkboxInput(
        "private",
        "Privacy",
        "Private (HR, security)",
        form.private === true,
        { hint: "The triage card shows only its key." },
      ),
      privateJsmInput(form.private_jsm),
      ...(type
        ? [
          checkboxInput("remove", "Remove", "Remove this request type", false, {
            hint: "Its tickets stay as they are.",
          }),
        ]
        : []),
    ],
  };
}

const PRIVATE_JSM_CHOICES: Record<PrivateJsmMirror, string> = {
  internal: "Internal comments (JSM's agents only)",
  public: "Public comments (JSM shows the customer)",
  none: "Not at all",
};

/** How a private ticket's words reach JSM (when JSM is on). */
function privateJsmInput(chosen: string | undefined): InputBlock {
  const options = PRIVATE_JSM_MIRRORS.map((m) =>
    option(m, PRIVATE_JSM_CHOICES[m])
  );
  const initial = options.find((o) => o.value === chosen) ??
    options.find((o) => o.value === "internal")!;
  return {
    type: "input",
    block_id: "private_jsm",
    optional: true,
    label: { type: "plain_text", text: "A private ticket's words in JSM" },
    hint: {
      type: "plain_text",
      text:
        "Replies and the requester's messages, when JSM is on; notes are always internal.",
    },
    element: {
      type: "static_select",
      action_id: "private_jsm",
      options,
      initial_option: initial,
    },
  };
}

export function submittedRequestTypeForm(
  state: ViewState,
): RequestTypeFormInput & { remove: boolean } {
  return {
    name: state.text("name"),
    description: state.text("description"),
    fields: state.text("fields"),
    needs_approval: state.checked("needs_approval"),
    approvers: state.text("approvers"),
    private: state.checked("private"),
    private_jsm: state.choice("private_jsm"),
    remove: state.checked("remove"),
  };
}
