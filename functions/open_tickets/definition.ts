import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const OPEN_TICKETS_CALLBACK_ID = "open_tickets";

/**
 * "Open tickets": opens a modal listing the open tickets of the queues the
 * person works, by status, next SLA deadline or unassigned first, a page at
 * a time. It stays open, answering clicks in the modal, until the modal is
 * closed. The person is the interactivity's interactor.
 */
export default DefineFunction({
  callback_id: OPEN_TICKETS_CALLBACK_ID,
  title: "Open Helpdesk tickets",
  description: "List the open tickets of the queues you work",
  source_file: "functions/open_tickets/handler.ts",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});
