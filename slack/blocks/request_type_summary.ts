// A request type in words, for the DM that confirms a change to it.
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  approversOf,
  type RequestType,
} from "../../helpdesk/request_types/request_type.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

export function describeRequestType(type: RequestType, queue: Queue): string {
  const questions = type.fields.length
    ? type.fields.map((f) =>
      `   ◦ ${escapeMrkdwn(f.label)}${
        f.required ? " (required)" : ""
      }: ${f.type}${
        f.options ? ` (${f.options.map(escapeMrkdwn).join(", ")})` : ""
      }`
    ).join("\n")
    : "   ◦ none beyond the summary and details";
  return [
    `*${escapeMrkdwn(type.name)}* in the ${escapeMrkdwn(queue.name)} queue`,
    `• Questions:\n${questions}`,
    `• Approval: ${
      type.needs_approval
        ? `needed, by ${
          approversOf(type).map((e) => `\`${escapeMrkdwn(e)}\``).join(", ")
        }`
        : "not needed"
    }`,
    `• Private: ${
      type.private
        ? "yes, the triage card shows only its key; details go to the queue's agents by DM"
        : "no"
    }`,
  ].join("\n");
}
