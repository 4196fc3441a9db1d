// The bot scopes each Slack Web API method needs, from Slack's method
// reference (https://docs.slack.dev/reference/methods/<method>, "Required
// scopes", bot token). One table serves the fake Slack API in tests (which
// answers missing_scope exactly as Slack does) and the scope checks.
//
// `anyOf`: the method accepts any one of these, as Slack lists one scope per
// conversation type. An empty list means the method needs no scope: it works
// with the token Slack hands a function.

export interface MethodScopes {
  anyOf: readonly string[];
  source: string;
  /**
   * The deployment setting that asks for its scopes: code may call it
   * without the scope in the default manifest, since it calls it only when
   * that setting is on.
   */
  setting?: string;
}

const REF = "https://docs.slack.dev/reference/methods/";

function needs(method: string, ...anyOf: string[]): [string, MethodScopes] {
  return [method, { anyOf, source: REF + method }];
}

function withSetting(
  setting: string,
  [method, scopes]: [string, MethodScopes],
): [string, MethodScopes] {
  return [method, { ...scopes, setting }];
}

export const METHOD_SCOPES: ReadonlyMap<string, MethodScopes> = new Map([
  needs("auth.test"),
  // Reads a token external auth stored; the function token is enough.
  needs("apps.auth.external.get"),
  needs("chat.postMessage", "chat:write"),
  needs("chat.update", "chat:write"),
  needs("chat.delete", "chat:write"),
  needs("chat.postEphemeral", "chat:write"),
  needs("chat.getPermalink"),
  withSetting(
    "HELPDESK_FILES=on or HELPDESK_EXPORT=on",
    needs("files.getUploadURLExternal", "files:write"),
  ),
  withSetting(
    "HELPDESK_FILES=on or HELPDESK_EXPORT=on",
    needs("files.completeUploadExternal", "files:write"),
  ),
  withSetting("HELPDESK_FILES=on", needs("files.info", "files:read")),
  // Only the check-up's own test file (use_cases/checkup/file_checks.ts).
  withSetting("HELPDESK_FILES=on", needs("files.delete", "files:write")),
  needs("conversations.join", "channels:join"),
  needs(
    "conversations.info",
    "channels:read",
    "groups:read",
    "im:read",
    "mpim:read",
  ),
  needs(
    "conversations.members",
    "channels:read",
    "groups:read",
    "im:read",
    "mpim:read",
  ),
  needs(
    "conversations.history",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
  ),
  needs(
    "conversations.replies",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
  ),
  needs("reactions.remove", "reactions:write"),
  needs("users.info", "users:read"),
  needs("usergroups.list", "usergroups:read"),
  needs("usergroups.users.list", "usergroups:read"),
  needs("reactions.add", "reactions:write"),
  needs("reactions.get", "reactions:read"),
  needs("views.open"),
  needs("views.update"),
  needs("views.push"),
  needs("functions.completeSuccess"),
  needs("functions.completeError"),
  needs("workflows.triggers.create", "triggers:write"),
  needs("workflows.triggers.update", "triggers:write"),
  needs("workflows.triggers.list", "triggers:read"),
  needs("workflows.triggers.delete", "triggers:write"),
  needs("apps.datastore.get", "datastore:read"),
  needs("apps.datastore.bulkGet", "datastore:read"),
  needs("apps.datastore.query", "datastore:read"),
  needs("apps.datastore.count", "datastore:read"),
  needs("apps.datastore.put", "datastore:write"),
  needs("apps.datastore.bulkPut", "datastore:write"),
  needs("apps.datastore.update", "datastore:write"),
  needs("apps.datastore.delete", "datastore:write"),
  needs("apps.datastore.bulkDelete", "datastore:write"),
]);
