// Compares what the code needs with what the manifest asks for. A scope the
// code needs but the manifest lacks is an error (the call would fail with
// missing_scope); one the manifest asks for but nothing uses is a warning
// (admins approve apps that ask for little).
import { METHOD_SCOPES } from "./method_scopes.ts";
import {
  BUILTIN_FUNCTION_SCOPES,
  DATASTORE_SCOPES,
  EVENT_SCOPES,
} from "./scope_catalog.ts";
import type { Usage } from "./usage_scan.ts";

export interface Finding {
  level: "error" | "warning";
  message: string;
}

export interface Declared {
  botScopes: readonly string[];
  outgoingDomains: readonly string[];
  hasDatastores: boolean;
}

export interface CheckResult {
  findings: Finding[];
  /** The scopes and domains that would make the check pass, sorted. */
  neededScopes: string[];
  neededDomains: string[];
}

export function checkPermissions(
  usages: Usage[],
  declared: Declared,
): CheckResult {
  const findings: Finding[] = [];
  const granted = new Set(declared.botScopes);
  // scope → where it is needed
  const needs = new Map<string, string[]>();
  const need = (scope: string, why: string) =>
    needs.set(scope, [...(needs.get(scope) ?? []), why]);

  for (const usage of usages) {
    const at = `${usage.path}:${usage.line}`;
    const options = scopeOptions(usage);
    if (options === undefined) {
      findings.push({
        level: "error",
        message:
          `${at}: no scope is recorded for ${usage.kind} ${usage.name}; add it to permissions/`,
      });
      continue;
    }
    if (options.length === 0) continue;
    // Called only when its setting is on, which also asks for its scopes.
    const setting = usage.kind === "method"
      ? METHOD_SCOPES.get(usage.name)?.setting
      : undefined;
    if (setting && !options.some((s) => granted.has(s))) continue;
    // A method that accepts several scopes takes one per kind of
    // conversation (public, private, DM…): any granted one is used, and the
    // first is what is missing when none is.
    const grantedOptions = options.filter((s) => granted.has(s));
    for (
      const chosen of grantedOptions.length ? grantedOptions : [options[0]]
    ) {
      need(chosen, `${at} (${usage.name})`);
    }
    // Events and built-in functions need every scope they list.
    if (usage.kind !== "method") {
      for (const extra of options.slice(1)) {
        need(extra, `${at} (${usage.name})`);
      }
    }
  }
  if (declared.hasDatastores) {
    for (const scope of DATASTORE_SCOPES) {
      need(scope, "manifest.ts (datastores)");
    }
  }

  for (const [scope, sites] of needs) {
    if (!granted.has(scope)) {
      findings.push({
        level: "error",
        message: `missing bot scope ${scope}, needed by ${sites.join(", ")}`,
      });
    }
  }
  for (const scope of declared.botScopes) {
    if (!needs.has(scope)) {
      findings.push({
        level: "warning",
        message:
          `bot scope ${scope} looks unused: no method, event, built-in function or datastore in the app's source needs it`,
      });
    }
  }

  const hosts = new Map<string, string[]>();
  for (const u of usages.filter((u) => u.kind === "host")) {
    hosts.set(u.name, [...(hosts.get(u.name) ?? []), `${u.path}:${u.line}`]);
  }
  for (const [host, sites] of hosts) {
    if (!declared.outgoingDomains.includes(host)) {
      findings.push({
        level: "error",
        message: `missing outgoing domain ${host}, fetched at ${
          sites.join(", ")
        }`,
      });
    }
  }
  for (const domain of declared.outgoingDomains) {
    if (!hosts.has(domain)) {
      findings.push({
        level: "warning",
        message:
          `outgoing domain ${domain} looks unused: no fetch in the app's source calls it`,
      });
    }
  }
  return {
    findings,
    neededScopes: [...needs.keys()].sort(),
    neededDomains: [...hosts.keys()].sort(),
  };
}

/** undefined: the table has no entry, which is itself an error. */
function scopeOptions(usage: Usage): readonly string[] | undefined {
  switch (usage.kind) {
    case "method":
      return METHOD_SCOPES.get(usage.name)?.anyOf;
    case "builtin_function":
      return BUILTIN_FUNCTION_SCOPES[usage.name];
    case "event":
      return EVENT_SCOPES[usage.name];
    case "host":
      return [];
  }
}
