// `deno task manifest`: prints the manifest JSON that `slack manifest` would
// send, without the Slack CLI or a network: the SDK's export with each
// function's source_file removed, as the CLI's get-manifest hook does.
import manifest from "../manifest.ts";

export function manifestAsSent(): Record<string, unknown> {
  const copy = structuredClone(manifest) as Record<string, unknown>;
  const functions = (copy.functions ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const fn of Object.values(functions)) delete fn.source_file;
  return copy;
}

if (import.meta.main) {
  console.log(JSON.stringify(manifestAsSent(), null, 2));
}
