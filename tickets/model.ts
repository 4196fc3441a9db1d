// The ticket as the app reasons about it. Datastore items are converted to and
// from this shape in datastores/tickets.ts; everything in tickets/ works on it
// as plain data so it can be tested without Slack.

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = typeof PRIORITIES[number];

export const STATUSES = [
  "new",
  "in_progress",
  "waiting_on_requester",
  "resolved",
  "closed",
] as const;
export type Status = typeof STATUSES[number];

/** Where a ticket came from; later surfaces add their own. */
export const SOURCES = ["form", "workflow_step", "reaction"] as const;
export type Source = typeof SOURCES[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

/** `enum` and `choices` for a priority menu in forms and Workflow Builder. */
export const PRIORITY_CHOICES = {
  enum: [...PRIORITIES],
  choices: PRIORITIES.map((value) => ({
    value,
    title: PRIORITY_LABELS[value],
  })),
};

export const STATUS_LABELS: Record<Status, string> = {
  new: "New",
  in_progress: "In progress",
  waiting_on_requester: "Waiting on requester",
  resolved: "Resolved",
  closed: "Closed",
};

export interface Ticket {
  /** Primary key: time-ordered and globally unique (see ticket_ids.ts). */
  id: string;
  /** What people say and type, e.g. HD-7K3QX2. Unique, see ticket_ids.ts. */
  key: string;
  summary: string;
  description: string;
  priority: Priority;
  category: string;
  status: Status;
  /** Slack user IDs. */
  requester: string;
  assignee?: string;
  source: Source;
  /** Channel the request was raised from, when there was one. */
  source_channel?: string;
  /** Where the triage card lives. */
  card_channel?: string;
  card_ts?: string;
  /** Unix seconds, as Slack's timestamp type. */
  created_at: number;
  updated_at: number;
  first_response_at?: number;
  resolved_at?: number;
  closed_at?: number;
}

export function isPriority(value: unknown): value is Priority {
  return (PRIORITIES as readonly unknown[]).includes(value);
}

export function isStatus(value: unknown): value is Status {
  return (STATUSES as readonly unknown[]).includes(value);
}
