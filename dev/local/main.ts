// `deno task local`: Helpdesk with no Slack at all. Starts the local
// workspace on http://127.0.0.1:8642/ (PORT to change it), keeping state in
// .local/state.json; `--fresh` starts over.
import { startLocalWorkspace } from "./workspace_server.ts";

const started = performance.now();
const workspace = await startLocalWorkspace({
  port: Number(Deno.env.get("PORT") ?? 8642),
  stateFile: new URL("../../.local/state.json", import.meta.url),
  fresh: Deno.args.includes("--fresh"),
});
console.log(
  `Helpdesk's local workspace is ready at ${workspace.url} (${
    Math.round(performance.now() - started)
  } ms). Ctrl-C to stop; state is kept in .local/state.json.`,
);
Deno.addSignalListener("SIGINT", async () => {
  await workspace.close();
  Deno.exit(0);
});
