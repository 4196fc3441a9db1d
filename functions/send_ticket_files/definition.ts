import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const SEND_TICKET_FILES_CALLBACK_ID = "send_ticket_files";

/**
 * The step after the request form and the card's buttons when files are on
 * (HELPDESK_FILES=on): copies the files the form or a reply carried, in a
 * run of its own, after the words. Listed for Workflow Builder then too:
 * after "Create a Helpdesk ticket", it copies a form's file field to the
 * card (a form's files step: Slack's file_id type). It checks who is named:
 * a card's files come from its requester, a requester's from its agents.
 * Every input is optional: a step before that carried no files ends this
 * run quietly (said here, not inside the object: esbuild keeps comments
 * there in the bundle).
 */
export default DefineFunction({
  callback_id: SEND_TICKET_FILES_CALLBACK_ID,
  title: "Pass on a ticket's files",
  description:
    "Copy the files a request form or a reply carried to the card's thread or the requester",
  source_file: "functions/send_ticket_files/handler.ts",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
      files: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.file_id },
        title: "Files",
      },
      added_by: { type: Schema.slack.types.user_id, title: "Added by" },
      to: {
        type: Schema.types.string,
        title: "Where they go",
        enum: ["card", "requester"],
      },
    },
    required: [],
  },
  output_parameters: {
    properties: {
      handled: {
        type: Schema.types.integer,
        title: "Files copied or told about",
      },
    },
    required: [],
  },
});
