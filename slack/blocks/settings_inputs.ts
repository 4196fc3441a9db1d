// The input blocks Helpdesk's settings modals are made of, each opened on a
// current value. Every input's block id and action id are the field's name,
// so a submission is read by that name (view_state.ts), a problem is filed
// under it, and Slack keeps what was typed in it when a view is replaced.
// Labels, hints and options are plain text: names typed by admins are
// shown as typed, cut to Slack's lengths.
import type { InputBlock, PlainTextOption } from "@slack/types";
import { plainWithin } from "./mrkdwn.ts";

interface Common {
  hint?: string;
  optional?: boolean;
}

const label = (text: string) => ({ type: "plain_text" as const, text });

function input(
  field: string,
  title: string,
  common: Common,
  element: InputBlock["element"],
): InputBlock {
  return {
    type: "input",
    block_id: field,
    label: label(title),
    ...(common.hint ? { hint: label(common.hint) } : {}),
    ...(common.optional ? { optional: true } : {}),
    element,
  };
}

export function textInput(
  field: string,
  title: string,
  initial: string | undefined,
  options: Common & { multiline?: boolean; maxLength?: number } = {},
): InputBlock {
  return input(field, title, options, {
    type: "plain_text_input",
    action_id: field,
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.maxLength ? { max_length: options.maxLength } : {}),
    ...(initial ? { initial_value: initial } : {}),
  });
}

/** Channels people may pick: public and private ones, not DMs. */
const CHANNELS = {
  include: ["public" as const, "private" as const],
  exclude_bot_users: true,
};

export function channelInput(
  field: string,
  title: string,
  initial: string | undefined,
  options: Common = {},
): InputBlock {
  return input(field, title, options, {
    type: "conversations_select",
    action_id: field,
    filter: CHANNELS,
    ...(initial ? { initial_conversation: initial } : {}),
  });
}

export function channelsInput(
  field: string,
  title: string,
  initial: readonly string[] | undefined,
  options: Common = {},
): InputBlock {
  return input(field, title, options, {
    type: "multi_conversations_select",
    action_id: field,
    filter: CHANNELS,
    ...(initial?.length ? { initial_conversations: [...initial] } : {}),
  });
}

export function userInput(
  field: string,
  title: string,
  initial: string | undefined,
  options: Common = {},
): InputBlock {
  return input(field, title, options, {
    type: "users_select",
    action_id: field,
    ...(initial ? { initial_user: initial } : {}),
  });
}

export function usersInput(
  field: string,
  title: string,
  initial: readonly string[] | undefined,
  options: Common = {},
): InputBlock {
  return input(field, title, options, {
    type: "multi_users_select",
    action_id: field,
    ...(initial?.length ? { initial_users: [...initial] } : {}),
  });
}

/** A user group as Slack lists it (usergroups.list). */
export interface UsergroupChoice {
  id: string;
  handle?: string;
  name?: string;
}

/** Slack's limit on a static_select's options. */
export const MAX_OPTIONS = 100;

/**
 * Block Kit has no user group picker, so the workspace's groups are listed
 * (by handle, as Slack mentions them). Slack allows 100 options: a current
 * group beyond them is kept in the list. No groups at all: no block.
 */
export function usergroupInput(
  field: string,
  title: string,
  groups: readonly UsergroupChoice[],
  initial: string | undefined,
  options: Common = {},
): InputBlock | undefined {
  const listed = [...groups]
    .sort((a, b) => groupLabel(a).localeCompare(groupLabel(b)))
    .slice(0, MAX_OPTIONS);
  if (initial && !listed.some((g) => g.id === initial)) {
    const known = groups.find((g) => g.id === initial) ?? { id: initial };
    listed.splice(MAX_OPTIONS - 1, Infinity, known);
  }
  if (listed.length === 0) return undefined;
  const choices = listed.map((g) => option(g.id, groupLabel(g)));
  const chosen = choices.find((o) => o.value === initial);
  return input(field, title, options, {
    type: "static_select",
    action_id: field,
    options: choices,
    ...(chosen ? { initial_option: chosen } : {}),
  });
}

function groupLabel(group: UsergroupChoice): string {
  if (group.handle) return `@${group.handle}`;
  return group.name || "a user group Slack no longer lists";
}

export function checkboxInput(
  field: string,
  title: string,
  text: string,
  checked: boolean,
  options: Common = {},
): InputBlock {
  const only = option("true", text);
  return input(field, title, { optional: true, ...options }, {
    type: "checkboxes",
    action_id: field,
    options: [only],
    ...(checked ? { initial_options: [only] } : {}),
  });
}

export function option(value: string, text: string): PlainTextOption {
  return { text: label(plainWithin(text, 75)), value };
}
