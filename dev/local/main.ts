// `deno task local`: Helpdesk with no Slack at all. Starts the local
// workspace on http://127.0.0.1:8642/ (PORT to change it), keeping state in
// .local/state.json; `--fresh` starts over, keeping the old state aside.
import { startLocalWorkspace } from "./workspace_server.ts";
import { setAside } from "./state_file.ts";

const started = performance.now();
const port = Number(Deno.env.get("PORT") ?? 8642);
const stateFile = new URL("../../.local/state.json", import.meta.url);
const fresh = Deno.args.includes("--fresh");

if (fresh) {
  const kept = await setAside(stateFile);
  if (kept) console.log(`Starting over; the old state is in ${kept}.`);
}
let workspace;
try {
  workspace = await startLocalWorkspace({
    port,
    stateFile,
    fresh,
    // As deployed with HELPDESK_FILES=on: people attach files, and tickets
    // carry them (HELPDESK_FILES=off in the shell or .env turns it off).
    files: !/^off$/i.test(Deno.env.get("HELPDESK_FILES") ?? ""),
  });
} catch (error) {
  if (!(error instanceof Deno.errors.AddrInUse)) throw error;
  // One line a newcomer can act on, not a stack trace.
  console.error(
    `Port ${port} is already in use (another \`deno task local\`?). ` +
      `Stop it, or pick another port: PORT=${port + 1} deno task local`,
  );
  Deno.exit(1);
}
console.log(
  `Helpdesk's local workspace is ready at ${workspace.url} (${
    Math.round(performance.now() - started)
  } ms). Ctrl-C to stop; state is kept in .local/state.json.`,
);
Deno.addSignalListener("SIGINT", async () => {
  await workspace.close();
  Deno.exit(0);
});
