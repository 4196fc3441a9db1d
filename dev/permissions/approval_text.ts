// What an admin is asked to approve, in Markdown, from the catalogs: bot
// scopes (scope_catalog.ts), outgoing domains, the Atlassian OAuth provider
// and its scopes, connector functions, and what is deliberately not asked
// for (approval_catalog.ts). Two views of the same tables:
// - approvalRequestMarkdown: what one deployment asks for, as the admin's
//   approval request lists it (`deno task approval`, pasted as the reason);
// - approvalKitMarkdown: every deployment setting at once, for docs/setup.md.
import { SCOPE_CATALOG } from "./scope_catalog.ts";
import {
  CONNECTOR_CATALOG,
  DOMAIN_CATALOG,
  EXPORT_SETTING,
  FILES_SETTING,
  NOT_REQUESTED,
  PROVIDER_CATALOG,
} from "./approval_catalog.ts";

export interface ApprovalRequest {
  botScopes: readonly string[];
  /** The JSM mode picks the one outgoing domain, if any. */
  jsmMode: "off" | "api_token" | "scoped_token" | "oauth";
  outgoingDomains: readonly string[];
  /** OAuth providers by key, with the scopes the manifest asks for. */
  providers: ReadonlyArray<{ key: string; scopes: readonly string[] }>;
  /** e.g. A04T6GE3LEB#/functions/create_issue */
  connectorFunctions: readonly string[];
}

const row = (...cells: string[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: string[][]) =>
  [row(...head), row(...head.map(() => "---")), ...rows.map((r) => row(...r))]
    .join("\n");
const code = (text: string) => `\`${text}\``;

function missing(what: string, file: string): never {
  throw new Error(`${file} has no entry for ${what}: add one with its reason`);
}

function scopeRows(botScopes: readonly string[]): string[][] {
  return botScopes.map((scope) => {
    const entry = SCOPE_CATALOG[scope] ??
      missing(scope, "dev/permissions/scope_catalog.ts");
    return [code(scope), entry.slack, entry.reason];
  });
}

const providerOf = (key: string) =>
  PROVIDER_CATALOG.find((p) => p.key === key) ??
    missing(`provider ${key}`, "dev/permissions/approval_catalog.ts");

const connectorOf = (id: string) =>
  CONNECTOR_CATALOG[id] ??
    missing(id, "dev/permissions/approval_catalog.ts");

function notRequested(): string {
  return [
    "Not requested:",
    "",
    ...Object.entries(NOT_REQUESTED).map(([scope, why]) =>
      `- ${code(scope)}: ${why}`
    ),
  ].join("\n");
}

const SCOPE_HEAD = [
  "Bot scope",
  "What Slack says it allows",
  "Why Helpdesk needs it",
];

/** One deployment's approval request, in the order Slack's request lists it. */
export function approvalRequestMarkdown(request: ApprovalRequest): string {
  const parts = [
    "What Helpdesk asks for, and why: the bot scopes, outgoing domains and " +
    "connector functions an admin sees in the approval request, and the " +
    "OAuth scopes the Atlassian account consents to when it is connected.",
    table(SCOPE_HEAD, scopeRows(request.botScopes)),
  ];
  if (request.outgoingDomains.length === 0) {
    parts.push(
      "Outgoing domains: none. Helpdesk calls no service outside Slack.",
    );
  } else {
    const reasonFor = (domain: string) =>
      domain === FILES_SETTING.domain
        ? request.botScopes.includes("files:read")
          ? FILES_SETTING.reason
          : EXPORT_SETTING.reason
        : request.jsmMode === "off"
        ? missing(domain, "approval_catalog.ts")
        : DOMAIN_CATALOG[request.jsmMode].reason;
    parts.push(table(
      ["Outgoing domain", "Why Helpdesk calls it"],
      request.outgoingDomains.map((d) => [code(d), reasonFor(d)]),
    ));
  }
  for (const { key, scopes } of request.providers) {
    const provider = providerOf(key);
    parts.push(
      `External authentication: ${provider.name}, consented to by the ` +
        `account that runs \`slack external-auth add\`. ${provider.reason}`,
      table(
        ["OAuth scope", "Why Helpdesk needs it"],
        scopes.map((s) => [
          code(s),
          provider.scopes[s] ??
            missing(`${key} scope ${s}`, "approval_catalog.ts"),
        ]),
      ),
    );
  }
  parts.push(
    request.connectorFunctions.length === 0
      ? "Connector functions: none."
      : table(
        ["Connector function", "Why Helpdesk uses it"],
        request.connectorFunctions.map((id) => {
          const c = connectorOf(id);
          return [`${c.name} (${code(id)})`, c.reason];
        }),
      ),
    notRequested(),
  );
  return parts.join("\n\n");
}

/** Every setting at once: the bot scopes, then what each integration adds. */
export function approvalKitMarkdown(botScopes: readonly string[]): string {
  const domains = Object.values(DOMAIN_CATALOG).map((d) => [
    d.when,
    d.shown,
    d.reason,
  ]);
  const oauth = PROVIDER_CATALOG.flatMap((p) =>
    Object.entries(p.scopes).map(([scope, why]) => [
      p.when,
      `${p.name}: ${code(scope)}`,
      why,
    ])
  );
  const connectors = Object.entries(CONNECTOR_CATALOG).map(([id, c]) => [
    c.when,
    `${c.name} (${code(id)})`,
    c.reason,
  ]);
  return [
    "Always:",
    table(SCOPE_HEAD, scopeRows(botScopes)),
    "Only with an optional setting. Bot scopes, outgoing domains and " +
    "connector functions are in the admin's approval request; the OAuth " +
    "scopes are what the Atlassian account consents to at " +
    "`slack external-auth add`:",
    table(["Setting", "What is approved", "Why Helpdesk needs it"], [
      ...FILES_SETTING.scopes.map((scope) => [
        FILES_SETTING.when,
        `bot scope ${code(scope)}`,
        (SCOPE_CATALOG[scope] ??
          missing(scope, "dev/permissions/scope_catalog.ts")).reason,
      ]),
      [
        FILES_SETTING.when,
        `outgoing domain ${code(FILES_SETTING.domain)}`,
        FILES_SETTING.reason,
      ],
      ...EXPORT_SETTING.scopes.map((scope) => [
        EXPORT_SETTING.when,
        `bot scope ${code(scope)}`,
        (SCOPE_CATALOG[scope] ??
          missing(scope, "dev/permissions/scope_catalog.ts")).reason,
      ]),
      [
        EXPORT_SETTING.when,
        `outgoing domain ${code(EXPORT_SETTING.domain)}`,
        EXPORT_SETTING.reason,
      ],
      ...domains.map(([when, shown, why]) => [
        when,
        `outgoing domain ${shown}`,
        why,
      ]),
      ...oauth.map(([when, what, why]) => [when, `OAuth scope ${what}`, why]),
      ...connectors.map(([when, what, why]) => [
        when,
        `connector function ${what}`,
        why,
      ]),
    ]),
    notRequested(),
  ].join("\n\n");
}
