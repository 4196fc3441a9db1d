// `deno task scopes [--fix]`: checks that manifest.ts asks for exactly the
// bot scopes and outgoing domains the code needs (see permissions/). Exits
// non-zero when something is missing; --fix rewrites manifest.ts, adding what
// is missing and removing what is unused.
import manifest from "../../manifest.ts";
import {
  findUsages,
  isAppSource,
  type SourceFile,
} from "../permissions/usage_scan.ts";
import { checkPermissions } from "../permissions/scope_check.ts";
import { fixManifest } from "../permissions/manifest_edit.ts";

const root = new URL("../../", import.meta.url);

export async function appSources(): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  async function walk(dir: URL, prefix: string) {
    for await (const entry of Deno.readDir(dir)) {
      const path = prefix + entry.name;
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${path}/`);
      } else if (isAppSource(path)) {
        files.push({
          path,
          text: await Deno.readTextFile(new URL(entry.name, dir)),
        });
      }
    }
  }
  await walk(root, "");
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function declaredPermissions() {
  const m = manifest as {
    oauth_config?: { scopes?: { bot?: string[] } };
    outgoing_domains?: string[];
    datastores?: Record<string, unknown>;
  };
  return {
    botScopes: m.oauth_config?.scopes?.bot ?? [],
    outgoingDomains: m.outgoing_domains ?? [],
    hasDatastores: Object.keys(m.datastores ?? {}).length > 0,
  };
}

if (import.meta.main) {
  const result = checkPermissions(
    findUsages(await appSources()),
    declaredPermissions(),
  );
  for (const f of result.findings) {
    console.log(`${f.level === "error" ? "error" : "warning"}: ${f.message}`);
  }
  if (Deno.args.includes("--fix") && result.findings.length > 0) {
    const file = new URL("manifest.ts", root);
    const { source, notes } = fixManifest(
      await Deno.readTextFile(file),
      { scopes: result.neededScopes, domains: result.neededDomains },
      declaredPermissions().outgoingDomains,
    );
    await Deno.writeTextFile(file, source);
    for (const note of notes) console.log(`note: ${note}`);
    console.log(
      `manifest.ts now asks for: ${
        result.neededScopes.join(", ") || "no scopes"
      }; ` +
        `outgoing domains: ${
          declaredPermissions().outgoingDomains.join(", ") || "none"
        } (from the deployment settings)`,
    );
    Deno.exit(0);
  }
  const errors = result.findings.filter((f) => f.level === "error").length;
  if (result.findings.length === 0) {
    console.log(
      `ok: ${result.neededScopes.length} bot scopes, each needed; ${result.neededDomains.length} outgoing domains`,
    );
  }
  Deno.exit(errors > 0 ? 1 : 0);
}
