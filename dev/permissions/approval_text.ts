// What an admin is asked to approve, in Markdown: each bot scope with Slack's
// description and Helpdesk's reason, each outgoing domain, each connector
// function. `deno task approval` prints it; the README embeds the same text.
import { SCOPE_CATALOG } from "./scope_catalog.ts";

export interface ApprovalRequest {
  botScopes: readonly string[];
  outgoingDomains: readonly string[];
  /** e.g. A04T6GE3LEB#/functions/create_issue */
  connectorFunctions: readonly string[];
}

/** Why each outgoing domain is needed; Helpdesk has none yet. */
const DOMAIN_REASONS: Readonly<Record<string, string>> = {};

export function approvalMarkdown(request: ApprovalRequest): string {
  const rows = request.botScopes.map((scope) => {
    const entry = SCOPE_CATALOG[scope];
    if (!entry) {
      throw new Error(
        `dev/permissions/scope_catalog.ts has no entry for ${scope}`,
      );
    }
    return `| \`${scope}\` | ${entry.slack} | ${entry.reason} |`;
  });
  const lines = [
    "| Bot scope | What Slack says it allows | Why Helpdesk needs it |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ];
  lines.push(
    request.outgoingDomains.length === 0
      ? "Outgoing domains: none. Helpdesk calls no service outside Slack."
      : `Outgoing domains:\n\n${
        request.outgoingDomains.map((d) =>
          `- \`${d}\`: ${DOMAIN_REASONS[d] ?? "(no reason recorded)"}`
        ).join("\n")
      }`,
  );
  lines.push("");
  lines.push(
    request.connectorFunctions.length === 0
      ? "Connector functions: none."
      : `Connector functions:\n\n${
        request.connectorFunctions.map((f) => `- \`${f}\``).join("\n")
      }`,
  );
  return lines.join("\n");
}
