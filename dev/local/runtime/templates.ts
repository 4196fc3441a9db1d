// Resolves the references Slack resolves between triggers, workflows and
// steps: `{{data.user_id}}` in trigger inputs, `{{inputs.x}}` and
// `{{steps.0.fields.summary}}` in step inputs. A value that is one reference
// becomes the referenced value itself (an object stays an object); text with
// references inside becomes text.

export type Scope = Record<string, unknown>;

const WHOLE = /^\{\{\s*([\w.]+)\s*\}\}$/;
const INSIDE = /\{\{\s*([\w.]+)\s*\}\}/g;

export function resolveTemplates(value: unknown, scope: Scope): unknown {
  if (typeof value === "string") {
    const whole = value.match(WHOLE);
    if (whole) return lookup(scope, whole[1]);
    return value.replace(
      INSIDE,
      (_, path) => String(lookup(scope, path) ?? ""),
    );
  }
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, scope));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const resolved = resolveTemplates(v, scope);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  }
  return value;
}

export function lookup(scope: Scope, path: string): unknown {
  let current: unknown = scope;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
