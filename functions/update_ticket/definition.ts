import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import {
  REQUEST_ACTIONS,
  TICKET_ACTIONS,
} from "../../helpdesk/tickets/roles.ts";
import { MERGE_ACTIONS } from "../../helpdesk/tickets/ticket_merge.ts";
import {
  CONVERSATION_ACTIONS,
  type ConversationAction,
} from "../../helpdesk/tickets/conversation.ts";
import { FILES_OUTPUTS } from "../send_ticket_files/files_outputs.ts";

export const UPDATE_TICKET_CALLBACK_ID = "update_ticket";
export const ASSIGN_VIEW_CALLBACK_ID = "assign_ticket";
export const DENY_VIEW_CALLBACK_ID = "deny_request";
export const EDIT_VIEW_CALLBACK_ID = "edit_ticket";
export const MOVE_VIEW_CALLBACK_ID = "move_ticket";
export const MERGE_VIEW_CALLBACK_ID = "merge_ticket";
export const UNMERGE_VIEW_CALLBACK_ID = "unmerge_ticket";
export const LINK_VIEW_CALLBACK_ID = "link_ticket";
/** One modal per action, so its submission knows what it was for. */
export const CONVERSATION_VIEWS: Record<ConversationAction, string> = {
  reply: "ticket_reply",
  note: "ticket_note",
  comment: "ticket_comment",
};

/**
 * Runs once per click on a card's workflow button (or a requester's, in
 * their DM): applies the action if the person may do it, or explains why
 * not. "Assign to…", "Edit…" and "Move…" open a modal and finish when it is
 * submitted or closed.
 */
export default DefineFunction({
  callback_id: UPDATE_TICKET_CALLBACK_ID,
  title: "Update a Helpdesk ticket",
  description:
    "Claim, assign, edit, move, merge, link, withdraw or change the status of a ticket; approve or deny a request; show a private request's details; reply to its requester, note, or add to it",
  source_file: "functions/update_ticket/handler.ts",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
      action: {
        type: Schema.types.string,
        title: "Action",
        enum: [
          ...TICKET_ACTIONS,
          ...REQUEST_ACTIONS,
          ...CONVERSATION_ACTIONS,
          ...MERGE_ACTIONS,
        ],
      },
      // Who clicked is the interactivity's interactor, which Slack sets: a
      // user_id input could be filled in by anyone who builds a workflow
      // with this step (slack/workspace/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["ticket_id", "action", "interactivity"],
  },
  output_parameters: {
    properties: {
      status: {
        type: Schema.types.string,
        title: "Status",
        description: "The ticket's status afterwards",
      },
      // A reply's files, for the step that sends them after its words.
      ...FILES_OUTPUTS,
    },
    required: [],
  },
});
