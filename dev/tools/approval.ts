// `deno task approval`: prints, in Markdown, what an admin approves when this
// deployment of Helpdesk is deployed (its bot scopes, outgoing domains, OAuth
// provider and connector functions, each with the reason), ready to paste
// when `slack deploy` asks why. `--docs` writes the whole kit, every
// deployment setting at once, into docs/setup.md's permissions section. Both go
// through `deno fmt`, so what is written is already formatted.
import {
  approvalKitMarkdown,
  type ApprovalRequest,
  approvalRequestMarkdown,
} from "../permissions/approval_text.ts";
import { declaredPermissions } from "./scopes.ts";
import manifest from "../../manifest.ts";
import { DEPLOYMENT } from "../../integrations/deployment/current_deployment.ts";
import type { JsmMode } from "../../integrations/deployment/deployment_options.ts";
import { formatMarkdown } from "./markdown_format.ts";

/** The page that holds the approval kit, from the repository's root. */
export const KIT_PAGE = "docs/setup.md";
export const KIT_START = "<!-- approval:start (deno task approval --docs) -->";
export const KIT_END = "<!-- approval:end -->";

interface ManifestJson {
  oauth_config?: { scopes?: { bot?: string[] } };
  outgoing_domains?: string[];
  external_auth_providers?: {
    oauth2?: Record<string, { options: { scope?: string[] } }>;
  };
  workflows?: Record<string, { steps?: { function_id: string }[] }>;
}

/** What a manifest built for `jsmMode` asks an admin to approve. */
export function approvalRequestOf(
  built: unknown,
  jsmMode: JsmMode,
): ApprovalRequest {
  const m = JSON.parse(JSON.stringify(built)) as ManifestJson;
  const connectors = Object.values(m.workflows ?? {})
    .flatMap((w) => w.steps ?? [])
    .map((s) => s.function_id)
    .filter((id) => /^A[A-Z0-9]+#\/functions\//.test(id));
  return {
    botScopes: m.oauth_config?.scopes?.bot ?? [],
    jsmMode,
    outgoingDomains: m.outgoing_domains ?? [],
    providers: Object.entries(m.external_auth_providers?.oauth2 ?? {}).map((
      [key, p],
    ) => ({ key, scopes: p.options.scope ?? [] })),
    connectorFunctions: [...new Set(connectors)].sort(),
  };
}

export function currentApprovalMarkdown(): string {
  return approvalRequestMarkdown(
    approvalRequestOf(manifest, DEPLOYMENT.jsm.mode),
  );
}

export function kitApprovalMarkdown(): string {
  return approvalKitMarkdown(declaredPermissions().botScopes);
}

export function withApprovalSection(page: string, markdown: string): string {
  const start = page.indexOf(KIT_START);
  const end = page.indexOf(KIT_END);
  if (start === -1 || end === -1) {
    throw new Error(`${KIT_PAGE} has no approval markers`);
  }
  return page.slice(0, start + KIT_START.length) + "\n\n" + markdown +
    "\n\n" +
    page.slice(end);
}

if (import.meta.main) {
  if (Deno.args.includes("--docs")) {
    const file = new URL(`../../${KIT_PAGE}`, import.meta.url);
    const page = withApprovalSection(
      await Deno.readTextFile(file),
      kitApprovalMarkdown(),
    );
    await Deno.writeTextFile(
      file,
      await formatMarkdown(page, "the approval text"),
    );
    console.log(`${KIT_PAGE}'s permissions section is up to date.`);
  } else {
    console.log(
      (await formatMarkdown(currentApprovalMarkdown(), "the approval text"))
        .trimEnd(),
    );
  }
}
