// workflows.triggers.* for the fake Slack Web API: the triggers an app creates
// at run time, kept (as their definitions) so tests can read them back, and
// answered in the shape Slack answers with. Limits enforced as Slack does:
// - an event trigger's `event.channel_ids` holds at most 20 channels; Slack
//   answers invalid_arguments with "[ERROR] no more than 20 items allowed
//   [json-pointer:/event/channel_ids]" (deno-slack-sdk issue 305);
// - a channel-based event takes `channel_ids` or `all_resources: true`, not
//   both (deno-slack-api's EventTrigger types). Slack's wording for those
//   two refusals is not public, so the fake's messages say they are its own.
import { type Args, requireString, SlackError } from "./slack_error.ts";
import type { FakeWorkspace } from "./workspace.ts";
import type { MethodHandler } from "./method_handler.ts";

export interface FakeTrigger extends Record<string, unknown> {
  id: string;
  type: string;
  name: string;
  workflow: string;
  shortcut_url?: string;
  /**
   * Who created it: "app" through the API (what `is_owner` lists for the
   * app's token), anything else stands for a developer's `slack trigger
   * create`.
   */
  owner?: string;
}

export const MAX_EVENT_CHANNELS = 20;

/** Event types whose triggers name channels (Slack's trigger docs). */
const CHANNEL_EVENTS = new Set([
  "app_mentioned",
  "call_rejected",
  "channel_history_changed",
  "channel_id_changed",
  "channel_shared",
  "channel_unshared",
  "member_left_channel",
  "message_metadata_posted",
  "message_posted",
  "pin_added",
  "pin_removed",
  "reaction_added",
  "reaction_removed",
  "user_joined_channel",
  "user_left_channel",
].map((name) => `slack#/events/${name}`));

const invalid = (message: string) =>
  new SlackError("invalid_arguments", {
    response_metadata: { messages: [message] },
  });

function checkEvent(event: Args | undefined) {
  if (!event?.event_type) throw new SlackError("invalid_trigger_inputs");
  const channels = event.channel_ids;
  if (channels !== undefined) {
    if (!Array.isArray(channels) || channels.length === 0) {
      throw invalid(
        "[ERROR] (fake Slack) channel_ids must be a non-empty array [json-pointer:/event/channel_ids]",
      );
    }
    if (channels.length > MAX_EVENT_CHANNELS) {
      throw invalid(
        `[ERROR] no more than ${MAX_EVENT_CHANNELS} items allowed [json-pointer:/event/channel_ids]`,
      );
    }
    if (event.all_resources === true) {
      throw invalid(
        "[ERROR] (fake Slack) channel_ids and all_resources are mutually exclusive [json-pointer:/event]",
      );
    }
  } else if (
    CHANNEL_EVENTS.has(String(event.event_type)) &&
    event.all_resources !== true
  ) {
    throw invalid(
      "[ERROR] (fake Slack) a channel event needs channel_ids or all_resources [json-pointer:/event]",
    );
  }
}

/**
 * A trigger as workflows.triggers.* answer with it: the workflow as an
 * object naming its callback_id, and an event trigger's event_type and
 * channel_ids at the top level (as Slack's samples read them from list).
 */
export function triggerResponse(trigger: FakeTrigger) {
  const { owner: _owner, workflow, ...rest } = trigger;
  const callbackId = workflow.replace(/^.*#\/workflows\//, "");
  const event = trigger.event as Args | undefined;
  return {
    ...rest,
    workflow: { callback_id: callbackId, title: callbackId, type: "workflow" },
    ...(event
      ? {
        event_type: event.event_type,
        ...(event.channel_ids ? { channel_ids: event.channel_ids } : {}),
      }
      : {}),
  };
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
      owner: "app",
    };
    delete trigger.trigger_id;
    delete trigger.token;
    if (type === "shortcut") {
      trigger.shortcut_url =
        `https://slack.com/shortcuts/${id}/${id.toLowerCase()}`;
    }
    if (type === "event") checkEvent(args.event as Args | undefined);
    return trigger;
  };
  // What an app sees of a trigger it may not touch: Slack's CLI knows both
  // trigger_not_found and trigger_does_not_exist and no reference says which
  // update and delete answer; the fake answers the first (tests inject the
  // second), and Helpdesk treats both alike.
  const owned = (args: Args): FakeTrigger => {
    const id = requireString(args, "trigger_id");
    const trigger = triggers.get(id);
    if (!trigger || (trigger.owner ?? "app") !== "app") {
      throw new SlackError("trigger_not_found");
    }
    return trigger;
  };
  return [
    ["workflows.triggers.create", (args) => {
      const trigger = define(ws.nextId("Ft"), args);
      triggers.set(trigger.id, trigger);
      return { trigger: triggerResponse(trigger) };
    }],
    ["workflows.triggers.update", (args) => {
      const { id } = owned(args);
      const trigger = define(id, args);
      triggers.set(id, trigger);
      return { trigger: triggerResponse(trigger) };
    }],
    ["workflows.triggers.delete", (args) => {
      triggers.delete(owned(args).id);
      return {};
    }],
    ["workflows.triggers.list", (args) => {
      const all = [...triggers.values()].filter((t) =>
        !(args.is_owner === true || args.is_owner === "true") ||
        (t.owner ?? "app") === "app"
      ).sort((a, b) => a.id.localeCompare(b.id));
      const limit = Math.max(
        1,
        Math.min(Number(args.limit ?? 100) || 100, 1000),
      );
      const start = args.cursor ? cursorOffset(String(args.cursor)) : 0;
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length
        ? btoa(String(start + limit))
        : "";
      return {
        triggers: page.map(triggerResponse),
        response_metadata: { next_cursor: next },
      };
    }],
  ];
}

function cursorOffset(cursor: string): number {
  let start = NaN;
  try {
    start = Number(atob(cursor));
  } catch {
    // not base64: refused below
  }
  if (!Number.isInteger(start) || start < 0) {
    throw new SlackError("invalid_cursor");
  }
  return start;
}
