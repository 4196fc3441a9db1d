// Who holds a queue role, as admins write it: people, user groups, channels
// (everyone in them) and macros naming another role, e.g. `${superusers}`.
// Settings keep the macros as typed; they are expanded when a role is used,
// so changing the superusers changes every role that refers to them.

export const ROLE_NAMES = [
  "owner",
  "members",
  "admins",
  "superusers",
  "initiator",
] as const;
export type RoleName = typeof ROLE_NAMES[number];

/** Roles a queue stores; `initiator` is whoever opened the ticket. */
export type StoredRole = Exclude<RoleName, "initiator" | "owner">;

export type RoleEntry =
  | { kind: "user"; id: string }
  | { kind: "usergroup"; id: string }
  | { kind: "channel"; id: string }
  | { kind: "macro"; role: string };

export interface QueueRoles {
  owner?: string;
  members: string[];
  admins: string[];
  superusers: string[];
}

/** Everyone a role or an approver list comes to, before asking Slack. */
export interface Principals {
  users: Set<string>;
  usergroups: Set<string>;
  channels: Set<string>;
}

export class RoleMacroError extends Error {}

// A macro names a role in letters: anything else between the braces is
// reported as a mistake rather than stored.
const MACRO = /^\$\{\s*(\w+)\s*\}$/;

/** One stored entry: U…/W… a person, S… a user group, C…/G… a channel. */
export function parseEntry(text: string): RoleEntry | undefined {
  const macro = MACRO.exec(text);
  if (macro) return { kind: "macro", role: macro[1].trim() };
  if (/^[UW][A-Z0-9]{2,}$/.test(text)) return { kind: "user", id: text };
  if (/^S[A-Z0-9]{2,}$/.test(text)) return { kind: "usergroup", id: text };
  if (/^[CG][A-Z0-9]{2,}$/.test(text)) return { kind: "channel", id: text };
  return undefined;
}

/**
 * Entries from what an admin typed: macros, mentions as Slack writes them
 * (`<@U…>`, `<!subteam^S…>`, `<#C…|name>`) or bare IDs, separated by commas,
 * spaces or new lines. Anything else is reported, not dropped.
 */
export function entriesFromText(
  text: string,
): { entries: string[]; problems: string[] } {
  const entries: string[] = [];
  const problems: string[] = [];
  const tokens = text.match(/\$\{[^}]*\}|<[^>]*>|[^\s,]+/g) ?? [];
  for (const token of tokens) {
    const mention = /^<(?:@|!subteam\^|#)([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token);
    const entry = mention ? mention[1] : token;
    if (parseEntry(entry)) {
      if (!entries.includes(entry)) entries.push(entry);
    } else {
      problems.push(
        `“${token}” is not a person, user group, channel or macro like \${superusers}.`,
      );
    }
  }
  return { entries, problems };
}

/**
 * Expands entries into people, user groups and channels. Macros name the
 * queue's roles; `${initiator}` is the ticket's requester (nobody when there
 * is no ticket yet). An unknown or circular macro throws RoleMacroError with
 * the path that loops, so the admin can see where to cut it.
 */
export function expandEntries(
  entries: readonly string[],
  roles: QueueRoles,
  initiator?: string,
  path: string[] = [],
): Principals {
  const found: Principals = {
    users: new Set(),
    usergroups: new Set(),
    channels: new Set(),
  };
  for (const text of entries) {
    const entry = parseEntry(text);
    if (!entry) throw new RoleMacroError(`“${text}” is not a valid entry.`);
    if (entry.kind === "user") found.users.add(entry.id);
    else if (entry.kind === "usergroup") found.usergroups.add(entry.id);
    else if (entry.kind === "channel") found.channels.add(entry.id);
    else merge(found, expandMacro(entry.role, roles, initiator, path));
  }
  return found;
}

function expandMacro(
  name: string,
  roles: QueueRoles,
  initiator: string | undefined,
  path: string[],
): Principals {
  if (!(ROLE_NAMES as readonly string[]).includes(name)) {
    throw new RoleMacroError(
      `\${${name}} is not a role. Use ${
        ROLE_NAMES.map((r) => `\${${r}}`).join(", ")
      }.`,
    );
  }
  const role = name as RoleName;
  if (path.includes(role)) {
    const loop = [...path.slice(path.indexOf(role)), role];
    throw new RoleMacroError(
      `The roles refer to each other in a circle: ${
        loop.map((r) => `\${${r}}`).join(" → ")
      }.`,
    );
  }
  if (role === "initiator") {
    return expandEntries(initiator ? [initiator] : [], roles);
  }
  if (role === "owner") {
    return expandEntries(roles.owner ? [roles.owner] : [], roles);
  }
  return expandEntries(roles[role], roles, initiator, [...path, role]);
}

function merge(into: Principals, from: Principals) {
  for (const id of from.users) into.users.add(id);
  for (const id of from.usergroups) into.usergroups.add(id);
  for (const id of from.channels) into.channels.add(id);
}

/** The people, groups and channels holding one of the queue's roles. */
export function expandRole(
  role: RoleName,
  roles: QueueRoles,
  initiator?: string,
): Principals {
  return expandMacro(role, roles, initiator, []);
}

/** Every problem in a queue's roles, for the settings form to show at once. */
export function roleProblems(roles: QueueRoles): string[] {
  const problems: string[] = [];
  for (const role of ["members", "admins", "superusers"] as const) {
    try {
      expandEntries(roles[role], roles, undefined, [role]);
    } catch (error) {
      if (!(error instanceof RoleMacroError)) throw error;
      problems.push(`In ${role}: ${error.message}`);
    }
  }
  return problems;
}
