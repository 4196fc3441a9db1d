// `deno task approval`: prints, in Markdown, what an admin approves when
// Helpdesk is deployed, ready to paste when `slack deploy` asks for a reason.
// `--readme` writes the same text into README.md's permissions section.
import { approvalMarkdown } from "../permissions/approval_text.ts";
import { declaredPermissions } from "./scopes.ts";
import manifest from "../../manifest.ts";

export const README_START =
  "<!-- approval:start (deno task approval --readme) -->";
export const README_END = "<!-- approval:end -->";

export function currentApprovalMarkdown(): string {
  const declared = declaredPermissions();
  const workflows = (manifest as {
    workflows?: Record<string, { steps?: { function_id: string }[] }>;
  })
    .workflows ?? {};
  const connectors = Object.values(workflows)
    .flatMap((w) => w.steps ?? [])
    .map((s) => s.function_id)
    .filter((id) => /^A[A-Z0-9]+#\/functions\//.test(id));
  return approvalMarkdown({
    botScopes: declared.botScopes,
    outgoingDomains: declared.outgoingDomains,
    connectorFunctions: [...new Set(connectors)].sort(),
  });
}

export function withApprovalSection(readme: string, markdown: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1) {
    throw new Error("README.md has no approval markers");
  }
  return readme.slice(0, start + README_START.length) + "\n\n" + markdown +
    "\n\n" +
    readme.slice(end);
}

if (import.meta.main) {
  const markdown = currentApprovalMarkdown();
  if (Deno.args.includes("--readme")) {
    const file = new URL("../../README.md", import.meta.url);
    await Deno.writeTextFile(
      file,
      withApprovalSection(await Deno.readTextFile(file), markdown),
    );
  } else {
    console.log(markdown);
  }
}
