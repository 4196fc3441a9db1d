// Keeps the local workspace across restarts: people, channels, messages,
// triggers and datastore items in one JSON file under .local/ (git-ignored).
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import type { FakeTrigger } from "../testing/fake_slack/trigger_methods.ts";

type Snapshot = {
  workspace: ReturnType<FakeSlack["workspace"]["snapshot"]>;
  triggers: FakeTrigger[];
  datastores: Awaited<ReturnType<FakeSlack["datastores"]["dump"]>>;
};

export async function saveState(slack: FakeSlack, file: URL) {
  const snapshot: Snapshot = {
    workspace: slack.workspace.snapshot(),
    triggers: [...slack.triggers.values()],
    datastores: await slack.datastores.dump(),
  };
  await Deno.mkdir(new URL("./", file), { recursive: true });
  const temporary = new URL(`${file.pathname}.tmp`, file);
  await Deno.writeTextFile(temporary, JSON.stringify(snapshot));
  await Deno.rename(temporary, file); // never a half-written state file
}

/**
 * Moves a saved state out of the way (for --fresh), so starting over never
 * loses it: .local/state.json becomes .local/state.<time>.json. Returns the
 * new path, or undefined when there was nothing to move.
 */
export async function setAside(file: URL): Promise<string | undefined> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const aside = new URL(
    file.pathname.replace(/\.json$/, `.${stamp}.json`),
    file,
  );
  try {
    await Deno.rename(file, aside);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return aside.pathname;
}

/** False when there is no saved state yet. */
export async function loadState(slack: FakeSlack, file: URL): Promise<boolean> {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(await Deno.readTextFile(file));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw new Error(
      `${file.pathname} cannot be read (${error}). \`deno task local --fresh\` ` +
        "starts over and keeps this file beside the new one.",
    );
  }
  slack.workspace.restore(snapshot.workspace);
  for (const trigger of snapshot.triggers) {
    slack.triggers.set(trigger.id, trigger);
  }
  await slack.datastores.load(snapshot.datastores);
  return true;
}
