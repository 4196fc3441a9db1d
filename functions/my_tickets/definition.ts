import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const MY_TICKETS_CALLBACK_ID = "my_tickets";

/**
 * "My tickets": opens a modal listing the person's open tickets and those
 * closed lately, with Withdraw, close and Reopen where they fit. It stays
 * open, answering clicks in the modal, until the modal is closed. The person
 * is the interactivity's interactor, which Slack sets from the click.
 */
export default DefineFunction({
  callback_id: MY_TICKETS_CALLBACK_ID,
  title: "My Helpdesk tickets",
  description:
    "List your open and recent tickets; withdraw, close or reopen them",
  source_file: "functions/my_tickets/handler.ts",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});
