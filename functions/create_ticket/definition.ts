import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { LIMITS } from "../../helpdesk/tickets/ticket_input.ts";
import { PRIORITY_CHOICES, SOURCES } from "../../helpdesk/tickets/model.ts";

export const CREATE_TICKET_CALLBACK_ID = "create_ticket";

/**
 * Listed in the manifest, so admins find "Create a Helpdesk ticket" among the
 * steps in Workflow Builder as well as in the "Open a ticket" workflow.
 */
export default DefineFunction({
  callback_id: CREATE_TICKET_CALLBACK_ID,
  title: "Create a Helpdesk ticket",
  description:
    "Open a ticket, post its card in the Helpdesk triage channel and send the requester a DM with the link",
  source_file: "functions/create_ticket/handler.ts",
  input_parameters: {
    properties: {
      summary: {
        type: Schema.types.string,
        title: "Summary",
        description: "What is needed, in a few words",
        hint: `Becomes the card's title; up to ${LIMITS.summary} characters.`,
      },
      description: {
        type: Schema.types.string,
        title: "Description",
        description: "Details that help an agent act without asking back",
        hint: `Up to ${LIMITS.description.toLocaleString("en-US")} characters.`,
      },
      priority: {
        type: Schema.types.string,
        title: "Priority",
        description: "How urgent it is",
        ...PRIORITY_CHOICES,
        default: "normal",
      },
      category: {
        type: Schema.types.string,
        title: "Category",
        description: "A short label agents sort by, e.g. Access or Hardware",
        hint: `Up to ${LIMITS.category} characters; "General" when empty.`,
      },
      requester: {
        type: Schema.slack.types.user_id,
        title: "Requester",
        description: "The person the ticket is for; they get the DMs",
      },
      source_channel: {
        type: Schema.slack.types.channel_id,
        title: "Source channel",
        description: "Where the request was raised, if in a channel",
      },
      queue: {
        type: Schema.types.string,
        title: "Queue",
        description:
          "The queue's name (or id); empty: the default queue, Helpdesk",
        hint:
          "Exactly as Configure a queue shows it; a name that is no queue stops the step and tells the requester.",
      },
      request_type: {
        type: Schema.types.string,
        title: "Request type",
        description:
          "One of the queue's request types, by name (or id): its privacy, approval and name as the category",
        hint:
          "Its own questions are not asked: put what they need in the description.",
      },
      source: {
        type: Schema.types.string,
        title: "Source",
        description: "Shown on the card; leave empty in Workflow Builder",
        enum: [...SOURCES],
        default: "workflow_step",
      },
    },
    required: ["summary", "requester"],
  },
  output_parameters: {
    properties: {
      ticket_id: {
        type: Schema.types.string,
        title: "Ticket id",
        description: "Helpdesk's internal id",
      },
      ticket_key: {
        type: Schema.types.string,
        title: "Ticket key",
        description: "The key people use, e.g. HD-7K3QX2",
      },
      card_permalink: {
        type: Schema.types.string,
        title: "Card link",
        description: "Link to the ticket's card in the triage channel",
      },
      status: {
        type: Schema.types.string,
        title: "Status",
        description: "The ticket's status: new",
      },
    },
    required: ["ticket_id", "ticket_key", "card_permalink", "status"],
  },
});
