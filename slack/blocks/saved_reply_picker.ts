// Saved replies in the "Reply to requester" modal: a menu above the text box.
// Picking one asks Helpdesk to redraw the modal (views.update) with the reply
// filled into the box. Slack keeps what a person typed in an input across an
// update as long as its block and action ids stay the same, so the box gets
// a new action id each time it is filled: only then does Slack show the new
// initial_value (docs.slack.dev, views.update, "Preserving input entry").
import type {
  ActionsBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  PlainTextInput,
} from "@slack/types";
import type { SavedReply } from "../../helpdesk/queues/saved_replies.ts";
import { MESSAGE_ACTION, MESSAGE_BLOCK } from "./conversation_messages.ts";
import { option } from "./settings_inputs.ts";

export const SAVED_REPLY_BLOCK = "saved_reply";
export const SAVED_REPLY_ACTION = "saved_reply_pick";

export interface FilledBox {
  text: string;
  /** Which filling this is: part of the box's action id. */
  round: number;
  /** Said under the menu, e.g. that the reply did not fit. */
  note?: string;
}

/**
 * The reply modal with the queue's saved replies offered (none: unchanged),
 * and the box filled when one was picked.
 */
export function withSavedReplies(
  modal: ModalView,
  replies: readonly SavedReply[],
  chosen?: string,
  filled?: FilledBox,
): ModalView {
  if (!replies.length) return modal;
  const options = replies.map((r) => option(r.id, r.title));
  const initial = options.find((o) => o.value === chosen);
  const picker: ActionsBlock = {
    type: "actions",
    block_id: SAVED_REPLY_BLOCK,
    elements: [{
      type: "static_select",
      action_id: SAVED_REPLY_ACTION,
      placeholder: { type: "plain_text", text: "Use a saved reply" },
      // At most 50 replies a queue: within a menu's 100 options.
      options,
      ...(initial ? { initial_option: initial } : {}),
    }],
  };
  const note: KnownBlock[] = filled?.note
    ? [{
      type: "context",
      elements: [{ type: "plain_text", text: filled.note }],
    }]
    : [];
  const blocks = (modal.blocks as KnownBlock[]).flatMap((block) => {
    if (block.block_id !== MESSAGE_BLOCK) return [block];
    const input = block as InputBlock;
    const box = filled
      ? {
        ...input,
        element: {
          ...(input.element as PlainTextInput),
          action_id: `${MESSAGE_ACTION}_${filled.round}`,
          initial_value: filled.text,
        },
      }
      : input;
    return [picker, ...note, box];
  });
  return { ...modal, blocks };
}

/** The filling round of a modal as it is now (0 before any). */
export function roundOf(
  values: Record<string, Record<string, unknown>> | undefined,
): number {
  const actionId = Object.keys(values?.[MESSAGE_BLOCK] ?? {})[0] ?? "";
  const round = Number(/_(\d+)$/.exec(actionId)?.[1] ?? 0);
  return Number.isSafeInteger(round) ? round : 0;
}
