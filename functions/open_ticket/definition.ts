import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { FILES_OUTPUTS } from "../send_ticket_files/files_outputs.ts";

/**
 * The "Open a ticket" form: asks what kind of request it is, then that
 * request type's own questions, and opens the ticket in its queue.
 */
export default DefineFunction({
  callback_id: "open_ticket",
  title: "Ask for a Helpdesk request",
  description:
    "Shows the request form, with the questions of the chosen request type",
  source_file: "functions/open_ticket/handler.ts",
  input_parameters: {
    properties: {
      // The requester is whoever started it: the interactivity's
      // interactor, which Slack sets (slack/workspace/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
      channel: { type: Schema.slack.types.channel_id, title: "Channel" },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
      ticket_key: { type: Schema.types.string, title: "Ticket key" },
      card_permalink: { type: Schema.types.string, title: "Card link" },
      summary: { type: Schema.types.string, title: "Summary" },
      priority: { type: Schema.types.string, title: "Priority" },
      category: {
        type: Schema.types.string,
        title: "Request type",
        description: "The request type's name, or General",
      },
      // The form's files, for the step that copies them to the card.
      ...FILES_OUTPUTS,
    },
    required: ["ticket_id", "ticket_key", "card_permalink"],
  },
});
