// `deno task manifest`: prints the manifest JSON that `slack manifest` would
// send, without the Slack CLI or a network. That is the SDK's export as JSON
// with each function's source_file removed (as the CLI's get-manifest hook
// does) and without `icon`, which the CLI uploads separately: its manifest
// type has no icon field, and Slack's schema allows none.
import manifest from "../../manifest.ts";

export function manifestAsSent(): Record<string, unknown> {
  // Through JSON, as the hook prints it: custom types become their ids.
  const sent = JSON.parse(JSON.stringify(manifest));
  delete sent.icon;
  for (const fn of Object.values(sent.functions ?? {})) {
    delete (fn as Record<string, unknown>).source_file;
  }
  return sent;
}

if (import.meta.main) {
  console.log(JSON.stringify(manifestAsSent(), null, 2));
}
