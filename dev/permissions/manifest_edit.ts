// Rewrites the botScopes and outgoingDomains arrays in manifest.ts's text,
// leaving everything else as it was, in deno fmt's layout.

export function replaceStringArray(
  source: string,
  property: string,
  values: readonly string[],
): string {
  const pattern = new RegExp(`^([ \\t]*)${property}:\\s*\\[[^\\]]*\\],?`, "m");
  const match = source.match(pattern);
  if (!match) {
    throw new Error(`manifest.ts has no ${property}: [...] to rewrite`);
  }
  const indent = match[1];
  const body = values.length === 0
    ? "[]"
    : `[\n${
      values.map((v) => `${indent}  ${JSON.stringify(v)},`).join("\n")
    }\n${indent}]`;
  return source.replace(pattern, `${indent}${property}: ${body},`);
}

/** Whether `property` is written out as an array of strings in the source. */
export function hasStringArray(source: string, property: string): boolean {
  return new RegExp(`^[ \\t]*${property}:\\s*\\[[^\\]]*\\]`, "m").test(source);
}

/**
 * `deno task scopes --fix`: rewrites botScopes, and outgoingDomains when the
 * manifest lists them; when they are computed from the deployment settings
 * (as Helpdesk's are), they are left to that code, and the notes say so if
 * they differ from what the code needs.
 */
export function fixManifest(
  source: string,
  needed: { scopes: readonly string[]; domains: readonly string[] },
  declaredDomains: readonly string[],
): { source: string; notes: string[] } {
  const notes: string[] = [];
  let fixed = replaceStringArray(source, "botScopes", needed.scopes);
  if (hasStringArray(fixed, "outgoingDomains")) {
    fixed = replaceStringArray(fixed, "outgoingDomains", needed.domains);
  } else {
    const same = needed.domains.length === declaredDomains.length &&
      needed.domains.every((d) => declaredDomains.includes(d));
    if (!same) {
      notes.push(
        `outgoing domains are computed from the deployment settings ` +
          `(outgoingDomains in integrations/deployment/deployment_options.ts), ` +
          `so --fix leaves them: the code calls ${
            needed.domains.join(", ") || "no host"
          }, the manifest names ${declaredDomains.join(", ") || "none"}.`,
      );
    }
  }
  return { source: fixed, notes };
}
