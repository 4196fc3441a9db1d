// The "Configure a queue" form both ways: a stored queue spread over the
// form's fields (so the form opens showing what is saved), and what the
// form hands back turned into a queue, every problem found at once and
// filed under the field it is about. Problems are plain text quoting what
// was typed as typed; the Slack layer decides how to show them.
import type { Queue } from "./queue.ts";
import { entriesFromText, parseEntry, roleProblems } from "./role_entries.ts";
import { parseHolidays } from "../service_levels/holidays.ts";

export interface QueueFormInput {
  name: string;
  triage_channel: string;
  intake_channels?: string[];
  owner?: string;
  member_people?: string[];
  member_group?: string;
  member_channels?: string[];
  admin_people?: string[];
  superuser_people?: string[];
  /** Lines like "admins: ${owner}, <!subteam^S123>". */
  role_rules?: string;
  /** One date or range a line (service_levels/holidays.ts). */
  holidays?: string;
}

export type QueueField = keyof QueueFormInput;

export const MAX_QUEUE_NAME = 40;

const RULE_ROLES = ["members", "admins", "superusers"] as const;
type RuleRole = typeof RULE_ROLES[number];

/** An intake channel that already feeds another queue. */
export interface ChannelConflict {
  channel: string;
  queueName: string;
}

export type QueueFormCheck =
  | { ok: true; queue: Omit<Queue, "updated_by" | "updated_at"> }
  | {
    ok: false;
    problems: Partial<Record<QueueField, string[]>>;
    conflicts: ChannelConflict[];
  };

export function queueFromForm(
  input: QueueFormInput,
  id: string,
  otherQueues: readonly Queue[],
): QueueFormCheck {
  const problems: Partial<Record<QueueField, string[]>> = {};
  const add = (field: QueueField, problem: string) =>
    (problems[field] ??= []).push(problem);
  const conflicts: ChannelConflict[] = [];
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name) add("name", "Give the queue a name.");
  if (name.length > MAX_QUEUE_NAME) {
    add("name", `Queue names can be up to ${MAX_QUEUE_NAME} characters.`);
  }
  const roles = {
    members: [
      ...(input.member_people ?? []),
      ...(input.member_group ? [input.member_group] : []),
      ...(input.member_channels ?? []),
    ],
    admins: [...(input.admin_people ?? [])],
    superusers: [...(input.superuser_people ?? [])],
  };
  (input.role_rules ?? "").split("\n").map((l) => l.trim()).filter(Boolean)
    .forEach((line) => {
      const match = /^(\w+)\s*[:=]\s*(.*)$/.exec(line);
      const role = match?.[1].toLowerCase();
      if (!match || !(RULE_ROLES as readonly string[]).includes(role!)) {
        add(
          "role_rules",
          `“${line}”: write a rule as “admins: \${owner}”, for members, admins or superusers.`,
        );
        return;
      }
      const parsed = entriesFromText(match[2]);
      parsed.problems.forEach((p) => add("role_rules", p));
      const list = roles[role as RuleRole];
      for (const entry of parsed.entries) {
        if (!list.includes(entry)) list.push(entry);
      }
    });
  const intake = [...new Set(input.intake_channels ?? [])];
  for (const channel of intake) {
    const owner = otherQueues.find((q) =>
      q.id !== id && q.intake_channels.includes(channel)
    );
    if (owner) conflicts.push({ channel, queueName: owner.name });
  }
  const holidays = input.holidays?.trim() || undefined;
  if (holidays) {
    const parsed = parseHolidays(holidays);
    if (!parsed.ok) add("holidays", parsed.problem);
  }
  const queue = {
    id,
    name,
    triage_channel: input.triage_channel,
    intake_channels: intake,
    owner: input.owner || undefined,
    ...dedupe(roles),
    holidays,
  };
  // Macros only come from the role rules, so that is where a loop is fixed.
  roleProblems(queue).forEach((p) => add("role_rules", p));
  if (
    queue.members.length === 0 && !queue.owner && queue.admins.length === 0 &&
    queue.superusers.length === 0
  ) {
    add(
      "member_people",
      "A queue needs someone to work it: choose members or an owner.",
    );
  }
  return Object.keys(problems).length || conflicts.length
    ? { ok: false, problems, conflicts }
    : { ok: true, queue };
}

/**
 * A stored queue as the form's fields: people in the people pickers, the
 * first user group in the group picker, channels in the channel picker,
 * and whatever no picker holds (macros, more user groups, channels among
 * admins or superusers) as role rules, so that saving the form unchanged
 * stores the same roles.
 */
export function queueFormFrom(queue: Queue):
  & Required<
    Pick<
      QueueFormInput,
      | "name"
      | "triage_channel"
      | "intake_channels"
      | "member_people"
      | "member_channels"
      | "admin_people"
      | "superuser_people"
      | "role_rules"
    >
  >
  & Pick<QueueFormInput, "owner" | "member_group" | "holidays"> {
  const rules: Record<RuleRole, string[]> = {
    members: [],
    admins: [],
    superusers: [],
  };
  const people = (role: RuleRole) => {
    const users: string[] = [];
    for (const text of queue[role]) {
      const entry = parseEntry(text);
      if (entry?.kind === "user") users.push(entry.id);
      else rules[role].push(text);
    }
    return users;
  };
  const memberPeople = people("members");
  // Members that are groups or channels have pickers of their own.
  let memberGroup: string | undefined;
  const memberChannels: string[] = [];
  rules.members = rules.members.filter((text) => {
    const entry = parseEntry(text);
    if (entry?.kind === "usergroup" && !memberGroup) {
      memberGroup = entry.id;
      return false;
    }
    if (entry?.kind === "channel") {
      memberChannels.push(entry.id);
      return false;
    }
    return true;
  });
  const adminPeople = people("admins");
  const superuserPeople = people("superusers");
  return {
    name: queue.name,
    triage_channel: queue.triage_channel,
    intake_channels: [...queue.intake_channels],
    owner: queue.owner,
    member_people: memberPeople,
    member_group: memberGroup,
    member_channels: memberChannels,
    admin_people: adminPeople,
    superuser_people: superuserPeople,
    role_rules: RULE_ROLES.filter((role) => rules[role].length)
      .map((role) => `${role}: ${rules[role].map(entryAsText).join(", ")}`)
      .join("\n"),
    holidays: queue.holidays,
  };
}

/**
 * A stored role entry as an admin writes it in the rules: a mention for a
 * person, user group or channel (entriesFromText reads these back), a
 * macro as it is.
 */
export function entryAsText(text: string): string {
  const entry = parseEntry(text);
  switch (entry?.kind) {
    case "user":
      return `<@${entry.id}>`;
    case "usergroup":
      return `<!subteam^${entry.id}>`;
    case "channel":
      return `<#${entry.id}>`;
    default:
      return text;
  }
}

function dedupe(roles: Record<RuleRole, string[]>) {
  return {
    members: [...new Set(roles.members)],
    admins: [...new Set(roles.admins)],
    superusers: [...new Set(roles.superusers)],
  };
}
