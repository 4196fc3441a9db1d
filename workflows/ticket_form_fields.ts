// The form fields both ticket shortcuts ask for (Open a ticket, Open a Jira
// issue).
import { Schema } from "deno-slack-sdk/mod.ts";
import { PRIORITY_CHOICES } from "../helpdesk/tickets/model.ts";
import { LIMITS } from "../helpdesk/tickets/ticket_input.ts";

export const SUMMARY_FIELD = {
  name: "summary",
  title: "Summary",
  description: "What do you need, in a few words?",
  type: Schema.types.string,
  maxLength: LIMITS.summary,
};

export const DESCRIPTION_FIELD = {
  name: "description",
  title: "Details",
  description: "What happened, what you tried, any error text",
  type: Schema.types.string,
  long: true,
  maxLength: LIMITS.description,
};

export const PRIORITY_FIELD = {
  name: "priority",
  title: "Priority",
  type: Schema.types.string,
  ...PRIORITY_CHOICES,
  default: "normal",
};
