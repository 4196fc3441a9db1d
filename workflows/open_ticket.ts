import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import CreateTicketFunction from "../functions/create_ticket/definition.ts";
import { PRIORITY_CHOICES } from "../tickets/model.ts";
import { LIMITS } from "../tickets/ticket_input.ts";

/** "Open a ticket": a form, then create_ticket for the person who filled it. */
const OpenTicketWorkflow = DefineWorkflow({
  callback_id: "open_ticket",
  title: "Open a ticket",
  description: "Ask the Helpdesk team for help",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      requester: { type: Schema.slack.types.user_id },
      channel: { type: Schema.slack.types.channel_id },
    },
    required: ["interactivity", "requester"],
  },
});

export const CATEGORIES = [
  "General",
  "Access",
  "Hardware",
  "Software",
  "Network",
  "Other",
];

const form = OpenTicketWorkflow.addStep(Schema.slack.functions.OpenForm, {
  title: "Open a ticket",
  description: "The Helpdesk team sees this in their triage channel.",
  submit_label: "Open ticket",
  interactivity: OpenTicketWorkflow.inputs.interactivity,
  fields: {
    elements: [
      {
        name: "summary",
        title: "Summary",
        description: "What do you need, in a few words?",
        type: Schema.types.string,
        maxLength: LIMITS.summary,
      },
      {
        name: "description",
        title: "Details",
        description: "What happened, what you tried, any error text",
        type: Schema.types.string,
        long: true,
        maxLength: LIMITS.description,
      },
      {
        name: "priority",
        title: "Priority",
        type: Schema.types.string,
        ...PRIORITY_CHOICES,
        default: "normal",
      },
      {
        name: "category",
        title: "Category",
        type: Schema.types.string,
        enum: CATEGORIES,
        default: "General",
      },
    ],
    required: ["summary", "priority"],
  },
});

OpenTicketWorkflow.addStep(CreateTicketFunction, {
  summary: form.outputs.fields.summary,
  description: form.outputs.fields.description,
  priority: form.outputs.fields.priority,
  category: form.outputs.fields.category,
  requester: OpenTicketWorkflow.inputs.requester,
  source_channel: OpenTicketWorkflow.inputs.channel,
  source: "form",
});

export default OpenTicketWorkflow;
