// The triggers people create with `slack trigger create --trigger-def
// triggers/<name>.ts`, put into a fake Slack as the CLI would: owned by the
// developer who ran it, not by the app, so workflows.triggers.list shows
// them only without is_owner. The check-up looks for them there.
import manifest from "../../manifest.ts";
import type { FakeSlack } from "./fake_slack/server.ts";

export interface CliTrigger {
  file: string;
  trigger: Record<string, unknown> & { type: string; workflow: string };
}

/** triggers/*.ts whose workflow this deployment's manifest has. */
export async function cliTriggers(): Promise<CliTrigger[]> {
  const workflows = new Set(
    Object.keys((manifest as { workflows?: object }).workflows ?? {}),
  );
  const dir = new URL("../../triggers/", import.meta.url);
  const found: CliTrigger[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !/^[a-z_]+\.ts$/.test(entry.name)) continue;
    const trigger = (await import(new URL(entry.name, dir).href)).default;
    if (!trigger?.workflow) continue;
    const workflow = String(trigger.workflow).replace("#/workflows/", "");
    if (!workflows.has(workflow)) continue;
    found.push({ file: `triggers/${entry.name}`, trigger });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** Each trigger not there yet, as a developer's `slack trigger create`. */
export async function createCliTriggers(slack: FakeSlack): Promise<void> {
  const there = new Set([...slack.triggers.values()].map((t) => t.workflow));
  for (const { file, trigger } of await cliTriggers()) {
    if (there.has(trigger.workflow)) continue;
    const id = `Ft0CLI${file.replace(/\W/g, "").toUpperCase().slice(8, 24)}`;
    slack.triggers.set(id, {
      ...trigger,
      id,
      name: String(trigger.name ?? file),
      owner: "developer",
      ...(trigger.type === "shortcut"
        ? {
          shortcut_url: `https://slack.com/shortcuts/${id}/${id.toLowerCase()}`,
        }
        : {}),
    });
  }
}
