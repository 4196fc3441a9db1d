// Validation of what people type into a new ticket, before anything is saved.
// Limits follow where the text ends up in Slack: the summary is the card's
// header (plain_text, 150 characters at most), the description a section
// (3,000 characters of mrkdwn, which escaping can grow, so we keep headroom).
import { isPriority, PRIORITIES, type Priority } from "./model.ts";

export const LIMITS = {
  summary: 150,
  description: 2_800,
  category: 50,
} as const;

export const DEFAULT_CATEGORY = "General";

export interface NewTicketInput {
  summary?: string;
  description?: string;
  priority?: string;
  category?: string;
  requester?: string;
  source_channel?: string;
}

export interface NewTicketFields {
  summary: string;
  description: string;
  priority: Priority;
  category: string;
  requester: string;
  source_channel?: string;
}

export type Validated =
  | { ok: true; value: NewTicketFields }
  | { ok: false; problems: string[] };

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

export function validateNewTicket(input: NewTicketInput): Validated {
  const problems: string[] = [];
  const summary = oneLine(input.summary);
  const description = (input.description ?? "").trim();
  const category = oneLine(input.category) || DEFAULT_CATEGORY;
  // An empty choice (a Workflow Builder step left blank) means the default.
  const priority = (input.priority?.trim() || "normal").toLowerCase();
  const requester = (input.requester ?? "").trim();
  const sourceChannel = input.source_channel?.trim() || undefined;

  if (!summary) {
    problems.push("The summary is empty: say in a few words what you need.");
  }
  tooLong(problems, "summary", summary);
  tooLong(problems, "description", description);
  tooLong(problems, "category", category);
  if (!isPriority(priority)) {
    problems.push(
      `"${input.priority}" is not a priority. Use one of: ${
        PRIORITIES.join(", ")
      }.`,
    );
  }
  if (!USER_ID.test(requester)) {
    problems.push("The requester must be a Slack user.");
  }
  if (sourceChannel !== undefined && !CHANNEL_ID.test(sourceChannel)) {
    problems.push("The source channel must be a Slack channel.");
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      summary,
      description,
      priority: priority as Priority,
      category,
      requester,
      source_channel: sourceChannel,
    },
  };
}

function tooLong(problems: string[], field: keyof typeof LIMITS, text: string) {
  const problem = lengthProblem(field, text);
  if (problem) problems.push(problem);
}

/** "The summary is 151 characters; the limit is 150.", or none. */
export function lengthProblem(
  field: keyof typeof LIMITS,
  text: string,
): string | undefined {
  const length = [...text].length;
  const limit = LIMITS[field];
  if (length <= limit) return undefined;
  return `The ${field} is ${
    length.toLocaleString("en-US")
  } characters; the limit is ${limit.toLocaleString("en-US")}.`;
}

/** A summary is one line: pasted newlines and runs of spaces are folded. */
export const oneLine = (text: string | undefined) =>
  (text ?? "").replace(/\s+/g, " ").trim();
