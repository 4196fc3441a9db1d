// What happens when a modal a card's button opened is sent: Assign to…,
// Deny…, Edit…, Move…, Merge into…, Unmerge…, Link related…, and the
// conversation's Reply, Note and Add to ticket.
// Each reads the form (ViewState), hands it to one use case, and either
// finishes the run or keeps the modal open with the reason under its field,
// so nothing typed is lost. Field errors are plain text: people in words.
import type {
  BlockActionsHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import type { ConversationAction } from "../../helpdesk/tickets/conversation.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { ASSIGNEE_BLOCK } from "../../slack/blocks/assign_modal.ts";
import { REASON_BLOCK } from "../../slack/blocks/deny_modal.ts";
import { MESSAGE_BLOCK } from "../../slack/blocks/conversation_messages.ts";
import { editFormFrom } from "../../slack/blocks/edit_modal.ts";
import {
  TARGET_BLOCK,
  targetQueueFrom,
} from "../../slack/blocks/move_modal.ts";
import {
  MERGED_BLOCK,
  mergedKeyFrom,
  OTHER_KEY_BLOCK,
  otherKeyFrom,
} from "../../slack/blocks/merge_modal.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { reportNotShown } from "../../slack/workspace/tell_person.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { decide } from "../../use_cases/changes/approval_decision.ts";
import { saveEdit } from "../../use_cases/changes/edit_ticket.ts";
import { saveMove } from "../../use_cases/changes/move_ticket.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import {
  saveLink,
  saveMerge,
  saveUnmerge,
} from "../../use_cases/changes/merge_ticket.ts";
import type { PairSaved } from "../../use_cases/changes/paired_change.ts";
import { fillSavedReply } from "../../use_cases/conversation/saved_reply_pick.ts";
import { SAVED_REPLY_BLOCK } from "../../slack/blocks/saved_reply_picker.ts";
import { FILES_BLOCK } from "../../slack/blocks/file_field.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";
import { filesOutputs } from "../../slack/workspace/files_step.ts";

type Submission = ViewSubmissionHandler;

/** Kept open with `reason` under the field `block`. */
const keepOpen = (block: string, reason: string) => ({
  response_action: "errors" as const,
  errors: { [block]: reason },
});

/** A failure shown under the field, so the person can try again or cancel. */
async function failedUnder(
  block: string,
  what: string,
  error: unknown,
  client: Parameters<Submission>[0]["client"],
) {
  console.error(`${what} failed`, error);
  return keepOpen(block, await formError(client, explainFailure(error)));
}

export const assignSubmitted: Submission = async ({ body, view, client }) => {
  const ticketId = ticketIdFromMetadata(view.private_metadata);
  const assignee = new ViewState(view.state.values).choice(ASSIGNEE_BLOCK);
  if (!ticketId || !assignee) {
    return keepOpen(ASSIGNEE_BLOCK, "Choose an agent.");
  }
  let result;
  try {
    result = await changeTicket(client, ticketId, {
      type: "assign",
      assignee,
    }, body.user.id);
  } catch (error) {
    return await failedUnder(ASSIGNEE_BLOCK, "assigning", error, client);
  }
  if (!result.ok) {
    // Nothing changed; the reason names the people chosen in words.
    return keepOpen(
      ASSIGNEE_BLOCK,
      await formError(client, result.reason, {
        people: { [assignee]: "the person you chose", [body.user.id]: "you" },
      }),
    );
  }
  await reportNotShown(client, body.user.id, result);
  await finishRun(client, body, { status: result.ticket.status });
};

export const denySubmitted: Submission = async ({ body, view, client }) => {
  const ticketId = ticketIdFromMetadata(view.private_metadata);
  const reason = new ViewState(view.state.values).text(REASON_BLOCK);
  if (!ticketId) {
    return keepOpen(REASON_BLOCK, "This form lost its ticket; close it.");
  }
  let result;
  try {
    result = await decide(client, ticketId, "deny", body.user.id, reason);
  } catch (error) {
    return await failedUnder(REASON_BLOCK, "denying", error, client);
  }
  if (!result.ok) {
    return keepOpen(
      REASON_BLOCK,
      await formError(client, result.reason, {
        people: { [body.user.id]: "you" },
      }),
    );
  }
  await reportNotShown(client, body.user.id, result);
  await finishRun(client, body, { status: result.ticket.status });
};

export const editSubmitted: Submission = async ({ body, view, client }) => {
  let saved;
  try {
    saved = await saveEdit(client, {
      form: editFormFrom(new ViewState(view.state.values)),
      privateMetadata: view.private_metadata,
    }, body.user.id);
  } catch (error) {
    return await failedUnder("summary", "editing", error, client);
  }
  if (!saved.ok) {
    return { response_action: "errors" as const, errors: saved.errors };
  }
  await reportNotShown(client, body.user.id, saved);
  await finishRun(client, body, { status: saved.ticket.status });
};

export const moveSubmitted: Submission = async ({ body, view, client }) => {
  let moved;
  try {
    moved = await saveMove(client, {
      ticketId: ticketIdFromMetadata(view.private_metadata),
      targetId: targetQueueFrom(new ViewState(view.state.values)),
    }, body.user.id);
  } catch (error) {
    return await failedUnder(TARGET_BLOCK, "moving", error, client);
  }
  if (!moved.ok) return keepOpen(TARGET_BLOCK, moved.error);
  await reportNotShown(client, body.user.id, moved);
  await finishRun(client, body, { status: moved.ticket.status });
};

/** Reply, Note or Add to ticket: said through the ticket, or kept open. */
export function conversationSubmitted(action: ConversationAction): Submission {
  return async ({ body, view, client }) => {
    const ticketId = ticketIdFromMetadata(view.private_metadata);
    const state = new ViewState(view.state.values);
    const written = state.text(MESSAGE_BLOCK);
    // Only a reply offers files; they follow its words in the next step.
    const files = action === "reply" ? state.files(FILES_BLOCK) : [];
    if (!ticketId) {
      return keepOpen(MESSAGE_BLOCK, "This form lost its ticket; close it.");
    }
    let result;
    try {
      result = await converse(
        client,
        ticketId,
        body.user.id,
        action,
        written,
        undefined,
        state.choice(SAVED_REPLY_BLOCK),
        files.length,
      );
    } catch (error) {
      return await failedUnder(MESSAGE_BLOCK, action, error, client);
    }
    if (!result.ok) {
      return keepOpen(
        MESSAGE_BLOCK,
        await formError(client, result.reason, {
          people: { [body.user.id]: "you" },
        }),
      );
    }
    for (const failure of result.notShown) {
      console.warn(
        `${result.ticket.key}: ${action} not shown everywhere`,
        failure,
      );
    }
    await finishRun(client, body, {
      status: result.ticket.status,
      ...filesOutputs(files, body.user.id, "requester"),
    });
  };
}

type PairSave = typeof saveMerge;

/** Merge into…, Unmerge… and Link related…: the other ticket by key. */
function pairSubmitted(
  save: PairSave,
  what: string,
  block: string,
  keyFrom: (state: ViewState) => string,
): Submission {
  return async ({ body, view, client }) => {
    let saved: PairSaved;
    try {
      saved = await save(client, {
        ticketId: ticketIdFromMetadata(view.private_metadata),
        otherKey: keyFrom(new ViewState(view.state.values)),
      }, body.user.id);
    } catch (error) {
      return await failedUnder(block, what, error, client);
    }
    if (!saved.ok) return keepOpen(block, saved.error);
    await reportNotShown(client, body.user.id, saved);
    await finishRun(client, body, { status: saved.ticket.status });
  };
}

export const mergeSubmitted = pairSubmitted(
  saveMerge,
  "merging",
  OTHER_KEY_BLOCK,
  otherKeyFrom,
);
export const linkSubmitted = pairSubmitted(
  saveLink,
  "linking",
  OTHER_KEY_BLOCK,
  otherKeyFrom,
);
export const unmergeSubmitted = pairSubmitted(
  saveUnmerge,
  "unmerging",
  MERGED_BLOCK,
  mergedKeyFrom,
);

/** A saved reply picked in Reply to requester: the box is filled with it. */
export const savedReplyPicked: BlockActionsHandler = async (
  { action, body, client, env },
) => {
  const view = body.view;
  const ticketId = ticketIdFromMetadata(view?.private_metadata);
  if (!view || typeof view.id !== "string" || !ticketId) return;
  const values = view.state?.values;
  try {
    await fillSavedReply(client, {
      ticketId,
      person: body.user.id,
      replyId: typeof action.selected_option?.value === "string"
        ? action.selected_option.value
        : undefined,
      viewId: view.id,
      hash: typeof view.hash === "string" ? view.hash : undefined,
      callbackId: String(view.callback_id),
      typed: new ViewState(values).text(MESSAGE_BLOCK),
      values,
      files: filesEnabled(env),
    });
  } catch (error) {
    // The modal stays as it was: the agent can still write by hand.
    console.warn("the saved reply was not filled in", error);
  }
};
