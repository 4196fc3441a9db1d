// workflows.triggers.* for the fake Slack Web API: the triggers an app creates
// at run time, kept so tests can read their definitions back.
import { type Args, requireString, SlackError } from "./slack_error.ts";
import type { FakeWorkspace } from "./workspace.ts";
import type { MethodHandler } from "./server.ts";

export interface FakeTrigger extends Record<string, unknown> {
  id: string;
  type: string;
  name: string;
  workflow: string;
  shortcut_url?: string;
}

export function triggerMethods(
  ws: FakeWorkspace,
  triggers: Map<string, FakeTrigger>,
): Array<[string, MethodHandler]> {
  const define = (id: string, args: Args): FakeTrigger => {
    const type = requireString(args, "type");
    const trigger: FakeTrigger = {
      ...args,
      id,
      type,
      name: requireString(args, "name"),
      workflow: requireString(args, "workflow"),
    };
    delete trigger.trigger_id;
    if (type === "shortcut") {
      trigger.shortcut_url =
        `https://slack.com/shortcuts/${id}/${id.toLowerCase()}`;
    }
    if (type === "event" && !(args.event as Args | undefined)?.event_type) {
      throw new SlackError("invalid_trigger_inputs");
    }
    return trigger;
  };
  return [
    ["workflows.triggers.create", (args) => {
      const trigger = define(ws.nextId("Ft"), args);
      triggers.set(trigger.id, trigger);
      return { trigger };
    }],
    ["workflows.triggers.update", (args) => {
      const id = requireString(args, "trigger_id");
      if (!triggers.has(id)) throw new SlackError("trigger_not_found");
      const trigger = define(id, args);
      triggers.set(id, trigger);
      return { trigger };
    }],
    ["workflows.triggers.delete", (args) => {
      const id = requireString(args, "trigger_id");
      if (!triggers.delete(id)) throw new SlackError("trigger_not_found");
      return {};
    }],
  ];
}
