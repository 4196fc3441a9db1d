// What the local workspace's page controls deliver (POST /api/…), as Slack
// would deliver it: a shortcut run, a click on a message's button or menu, a
// scheduled trigger run now, a modal submitted, closed or clicked in, a
// message posted (with files attached), a file uploaded from a modal's file
// field, a reaction. Kept apart from the server (workspace_server.ts), which
// only routes requests here and answers with what these return.
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import type { LocalRuntime } from "./runtime/local_runtime.ts";
import type { Shortcut } from "./link_shortcuts.ts";

/** A page action: the request's JSON body in, the answer's JSON out. */
export type PageAction = (body: Record<string, string>) => unknown;

/**
 * The page's actions by path. `track` is handed every run an action starts:
 * runs go on after the click is answered.
 */
export function pageActions(
  slack: FakeSlack,
  runtime: LocalRuntime,
  shortcuts: Shortcut[],
  track: (run: { done: Promise<unknown> }) => void,
): Map<string, PageAction> {
  return new Map<string, PageAction>([
    ["/api/shortcut", (b) => {
      const shortcut = shortcuts.find((s) => s.id === b.trigger_id);
      if (!shortcut) throw new Error(`no shortcut ${b.trigger_id}`);
      track(
        runtime.fire(shortcut.trigger, {
          user_id: b.as,
          channel_id: b.channel,
        }),
      );
    }],
    ["/api/button", async (b) => {
      const run = await runtime.clickButton(
        b.channel,
        b.ts,
        b.action_id,
        b.as,
        b.value,
      );
      if (run) track(run);
    }],
    ["/api/scheduled/run", (b) => {
      track(runtime.runScheduled(b.trigger_id));
    }],
    ["/api/view/submit", async (b) => ({
      errors: await runtime.submitView(
        b.view_id,
        b.as,
        b.values as unknown as Record<string, unknown>,
      ),
    })],
    ["/api/view/close", (b) => runtime.closeView(b.view_id, b.as)],
    [
      "/api/view/action",
      (b) =>
        runtime.clickInView(
          b.view_id,
          b.action_id,
          b.as,
          b.value || undefined,
          b.block_id || undefined,
        ),
    ],
    ["/api/message", (b) => {
      runtime.messagePosted(
        b.channel,
        b.as,
        b.text ?? "",
        b.thread_ts || undefined,
        attachedFiles(b.files),
      ).forEach(track);
    }],
    // A file picked in a modal's file field: uploaded first, as Slack's
    // client does, and handed to the app by id with the submission.
    ["/api/upload", (b) => {
      const [file] = attachedFiles([b]);
      if (!file) throw new Error("no file to upload");
      return {
        id: slack.workspace.files.add(b.as, file, { grantedToApp: true }).id,
      };
    }],
    ["/api/reaction", (b) => {
      runtime.reactionAdded(b.channel, b.ts, b.name, b.as).forEach(track);
    }],
  ]);
}

/** Files the page sends as {name, type, data: base64}, at most 10 MB each. */
function attachedFiles(
  sent: unknown,
): { name: string; mimetype: string; bytes: Uint8Array }[] {
  if (!Array.isArray(sent)) return [];
  return sent.flatMap((f) => {
    const { name, type, data } = (f ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || typeof data !== "string") return [];
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    if (bytes.length > 10 * 1024 * 1024) return [];
    return [{
      name: name.slice(0, 255),
      mimetype: typeof type === "string" && type
        ? type
        : "application/octet-stream",
      bytes,
    }];
  });
}
