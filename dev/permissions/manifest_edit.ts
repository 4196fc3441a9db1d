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
