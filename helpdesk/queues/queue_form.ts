// What the "Configure a queue" form hands over, turned into a queue, with
// every problem found at once so the admin fixes them in one go. Problems
// are plain text, quoting what was typed as typed; the Slack layer escapes
// them for wherever it shows them (slack/blocks/queue_summary.ts).
import type { Queue } from "./queue.ts";
import { entriesFromText, roleProblems } from "./role_entries.ts";

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
}

const RULE_ROLES = ["members", "admins", "superusers"] as const;

/** An intake channel that already feeds another queue. */
export interface ChannelConflict {
  channel: string;
  queueName: string;
}

export function queueFromForm(
  input: QueueFormInput,
  id: string,
  otherQueues: readonly Queue[],
): { ok: true; queue: Omit<Queue, "updated_by" | "updated_at"> } | {
  ok: false;
  problems: string[];
  conflicts: ChannelConflict[];
} {
  const problems: string[] = [];
  const conflicts: ChannelConflict[] = [];
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name) problems.push("Give the queue a name.");
  if (name.length > 40) {
    problems.push("Queue names can be up to 40 characters.");
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
        problems.push(
          `“${line}”: write a rule as “admins: \${owner}”, for members, admins or superusers.`,
        );
        return;
      }
      const parsed = entriesFromText(match[2]);
      problems.push(...parsed.problems);
      const list = roles[role as typeof RULE_ROLES[number]];
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
  const queue = {
    id,
    name,
    triage_channel: input.triage_channel,
    intake_channels: intake,
    owner: input.owner || undefined,
    ...dedupe(roles),
  };
  problems.push(...roleProblems(queue));
  if (
    queue.members.length === 0 && !queue.owner && queue.admins.length === 0 &&
    queue.superusers.length === 0
  ) {
    problems.push(
      "A queue needs someone to work it: choose members or an owner.",
    );
  }
  return problems.length || conflicts.length
    ? { ok: false, problems, conflicts }
    : { ok: true, queue };
}

function dedupe(roles: Record<"members" | "admins" | "superusers", string[]>) {
  return {
    members: [...new Set(roles.members)],
    admins: [...new Set(roles.admins)],
    superusers: [...new Set(roles.superusers)],
  };
}
