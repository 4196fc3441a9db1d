// The "Configure Helpdesk" form: the triage channel, the agents, the ticket
// emoji and Helpdesk's admins. Checked as a whole, each problem filed under
// its field, in plain words quoting what was typed as typed.
import type { HelpdeskSettings } from "./settings.ts";
import { retentionDays } from "./tickets/retention_period.ts";
import { helpdeskAdmins, nextHelpdeskAdmins } from "./helpdesk_admins.ts";
import {
  DEFAULT_INTAKE_EMOJI,
  HELPDESK_MARKS,
  isHelpdeskMark,
} from "./tickets/reaction_marks.ts";

export interface HelpdeskForm {
  triage_channel?: string;
  agent_users?: string[];
  agent_usergroup?: string;
  intake_emoji?: string;
  admins?: string[];
  /** Days after closing that a ticket is purged, as typed; blank: never. */
  retention_days?: string;
}

export type HelpdeskField = keyof HelpdeskForm;

export interface HelpdeskChoices {
  triage_channel: string;
  agent_users: string[];
  agent_usergroup?: string;
  intake_emoji: string;
  admins: string[];
  /** 0: closed tickets are kept. */
  retention_days: number;
}

export type HelpdeskFormCheck =
  | { ok: true; value: HelpdeskChoices }
  | { ok: false; problems: Partial<Record<HelpdeskField, string>> };

export function checkHelpdeskForm(
  form: HelpdeskForm,
  previous: HelpdeskSettings | undefined,
  editor: string,
): HelpdeskFormCheck {
  const problems: Partial<Record<HelpdeskField, string>> = {};
  const channel = form.triage_channel?.trim();
  if (!channel) problems.triage_channel = "Choose the triage channel.";
  const agentUsers = [...new Set(form.agent_users ?? [])];
  const agentGroup = form.agent_usergroup || undefined;
  if (agentUsers.length === 0 && !agentGroup) {
    problems.agent_users =
      "Helpdesk needs at least one agent: choose people, a user group, or both.";
  }
  const emoji = intakeEmoji(form.intake_emoji);
  if (!emoji.ok) problems.intake_emoji = emoji.problem;
  const admins = nextHelpdeskAdmins(form.admins, previous, editor);
  if (!admins.ok) problems.admins = admins.problem;
  const retention = retentionDays(form.retention_days);
  if (!retention.ok) problems.retention_days = retention.problem;
  if (
    Object.keys(problems).length || !emoji.ok || !admins.ok || !retention.ok
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: {
      triage_channel: channel!,
      agent_users: agentUsers,
      agent_usergroup: agentGroup,
      intake_emoji: emoji.value,
      admins: admins.admins,
      retention_days: retention.value,
    },
  };
}

/** What the form shows when it opens: what is saved, or a fresh start. */
export function helpdeskFormFrom(
  settings: HelpdeskSettings | undefined,
  editor: string,
): HelpdeskForm {
  if (!settings) {
    return { intake_emoji: DEFAULT_INTAKE_EMOJI, admins: [editor] };
  }
  return {
    triage_channel: settings.triage_channel,
    agent_users: settings.agent_users,
    agent_usergroup: settings.agent_usergroup,
    intake_emoji: settings.intake_emoji ?? DEFAULT_INTAKE_EMOJI,
    admins: helpdeskAdmins(settings),
    retention_days: settings.retention_days
      ? String(settings.retention_days)
      : undefined,
  };
}

/** An emoji name as Slack writes it, without colons: "ticket", "sos". */
export function intakeEmoji(
  typed: string | undefined,
): { ok: true; value: string } | { ok: false; problem: string } {
  const value = (typed ?? "").trim().replace(/^:|:$/g, "").toLowerCase() ||
    DEFAULT_INTAKE_EMOJI;
  if (!/^[a-z0-9_+'-]{1,100}$/.test(value)) {
    return {
      ok: false,
      problem: `“${
        typed ?? ""
      }” is not an emoji name. Write it as Slack does, e.g. ticket or :sos:.`,
    };
  }
  if (isHelpdeskMark(value)) {
    return {
      ok: false,
      problem: `:${value}: is ${
        HELPDESK_MARKS[value]
      }, so Helpdesk would start a ticket from its own reaction; choose another emoji.`,
    };
  }
  return { ok: true, value };
}
