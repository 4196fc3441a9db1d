// The shortcuts the local workspace's page offers: the link triggers under
// triggers/ that people start themselves, as a developer would have created
// them with `slack trigger create`. Kept apart from the server
// (workspace_server.ts), which only hands them to the page and fires them.
import manifest from "../../manifest.ts";
import type { TriggerLike } from "./runtime/local_runtime.ts";

export interface Shortcut {
  id: string;
  trigger: TriggerLike & { name: string; description?: string };
}

/**
 * The link triggers under triggers/ that people start themselves: those
 * whose inputs are all filled from the trigger's context. The one behind the
 * card buttons has customizable inputs and is reached through its buttons.
 * A trigger for a workflow this deployment leaves out (e.g. Open a Jira
 * issue without JIRA_* settings) is left out too, as Slack would refuse it.
 */
export async function linkTriggers(): Promise<Shortcut[]> {
  const workflows = new Set(
    Object.keys((manifest as { workflows?: object }).workflows ?? {}),
  );
  const dir = new URL("../../triggers/", import.meta.url);
  const shortcuts: Shortcut[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) {
      continue;
    }
    const trigger = (await import(new URL(entry.name, dir).href)).default;
    if (trigger?.type !== "shortcut") continue;
    const workflow = String(trigger.workflow).replace("#/workflows/", "");
    if (!workflows.has(workflow)) continue;
    const inputs = Object.values(trigger.inputs ?? {}) as Array<
      { customizable?: boolean }
    >;
    if (inputs.some((i) => i.customizable)) continue;
    shortcuts.push({ id: entry.name.replace(/\.ts$/, ""), trigger });
  }
  return shortcuts.sort((a, b) => a.trigger.name.localeCompare(b.trigger.name));
}
