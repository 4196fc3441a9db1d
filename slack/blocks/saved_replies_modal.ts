// The "Saved replies" modal: one queue's list, and a form that adds a reply,
// changes one or removes one. Its private_metadata names the queue and the
// save it was opened on, so a list changed meanwhile is not overwritten.
import type { InputBlock, ModalView } from "@slack/types";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  MAX_SAVED_REPLIES,
  MAX_TEXT,
  MAX_TITLE,
  PLACEHOLDERS,
  type SavedReply,
  type SavedReplyForm,
} from "../../helpdesk/queues/saved_replies.ts";
import { checkboxInput, option, textInput } from "./settings_inputs.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import type { ViewState } from "./view_state.ts";
import { metadataOf } from "./view_state.ts";

export const SAVED_REPLY_FIELDS = {
  reply: "reply",
  title: "title",
  text: "text",
  remove: "remove",
} as const;

const FIELDS = SAVED_REPLY_FIELDS;

export function savedRepliesModal(
  queue: Queue,
  replies: readonly SavedReply[],
  callbackId: string,
  subject: SavedRepliesSubject,
): ModalView {
  const fields = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
  const chooser: InputBlock[] = replies.length
    ? [{
      type: "input",
      block_id: FIELDS.reply,
      optional: true,
      label: { type: "plain_text", text: "Change or remove" },
      hint: {
        type: "plain_text",
        text: "Leave it empty to add a new saved reply.",
      },
      element: {
        type: "static_select",
        action_id: FIELDS.reply,
        placeholder: { type: "plain_text", text: "A saved reply" },
        // At most 50 replies: within a select's 100 options.
        options: replies.map((r) => option(r.id, r.title)),
      },
    }]
    : [];
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: JSON.stringify(subject),
    title: { type: "plain_text", text: "Saved replies" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${
            escapeMrkdwn(queue.name)
          }* has ${replies.length} of ${MAX_SAVED_REPLIES} saved replies. Agents pick them in *Reply to requester*. A text may say ${fields}: each becomes the ticket's.`,
        },
      },
      ...chooser,
      textInput(FIELDS.title, "Title", undefined, {
        optional: true,
        maxLength: MAX_TITLE,
        hint:
          "What agents pick it by. When changing a reply, empty keeps its title.",
      }),
      textInput(FIELDS.text, "Text", undefined, {
        optional: true,
        multiline: true,
        maxLength: MAX_TEXT,
        hint: "When changing a reply, empty keeps its text.",
      }),
      checkboxInput(
        FIELDS.remove,
        "Remove",
        "Remove the chosen saved reply",
        false,
      ),
    ],
  };
}

export function submittedSavedReply(state: ViewState): SavedReplyForm {
  return {
    id: state.choice(FIELDS.reply),
    title: state.text(FIELDS.title),
    text: state.text(FIELDS.text),
    remove: state.checked(FIELDS.remove),
  };
}

/** The queue a form is for, and its list as the form opened on it. */
export interface SavedRepliesSubject {
  queue?: string;
  digest?: string;
}

export function savedRepliesSubjectOf(
  privateMetadata: string | undefined,
): SavedRepliesSubject {
  const { queue, digest } = metadataOf(privateMetadata);
  return {
    queue: typeof queue === "string" ? queue : undefined,
    digest: typeof digest === "string" ? digest : undefined,
  };
}
