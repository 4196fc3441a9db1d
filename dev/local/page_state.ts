// What the local workspace's page is sent to draw for one person (GET
// /api/state): the channels and DMs they can see with their messages, their
// ephemeral messages and open modals, the shortcuts, the Activity panel,
// the scheduled triggers, and whether Helpdesk is configured yet. Kept apart
// from the server (workspace_server.ts): this is what a person sees, the
// server only how it travels.
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import type { LocalRuntime } from "./runtime/local_runtime.ts";
import type { Shortcut } from "./link_shortcuts.ts";
import { LOCAL_PEOPLE } from "./seed.ts";
import { manifestAsSent } from "../tools/print_manifest.ts";
import { SETTINGS_ID } from "../../slack/storage/settings_store.ts";

/** What the page draws for person `me`, read from the workspace now. */
export function pageStateReader(
  slack: FakeSlack,
  runtime: LocalRuntime,
  shortcuts: Shortcut[],
) {
  const appHome = (manifestAsSent().features as {
    app_home?: Record<string, boolean>;
  }).app_home ?? {};

  return async function stateFor(me: string) {
    const ws = slack.workspace;
    const names = new Map([...ws.users.values()].map((u) => [u.id, u.name]));
    const visible = [...ws.channels.values()].filter((c) =>
      !c.is_im ? (!c.is_private || c.members.has(me)) : c.user === me
    );
    const messages: Record<string, unknown[]> = {};
    for (const channel of visible) {
      messages[channel.id] = ws.messagesIn(channel.id).map((m) => ({
        ...m,
        user_name: m.user === BOT_USER_ID
          ? "Helpdesk"
          : names.get(m.user) ?? m.user,
        is_bot: m.user === BOT_USER_ID,
      }));
    }
    return {
      people: LOCAL_PEOPLE,
      me,
      channels: visible.filter((c) => !c.is_im).map((
        { id, name, is_private },
      ) => ({ id, name, is_private })),
      dms: visible.filter((c) => c.is_im).map(({ id, user }) => ({
        id,
        user,
        name: "Helpdesk",
      })),
      shortcuts: shortcuts.map((s) => ({
        id: s.id,
        name: s.trigger.name,
        description: s.trigger.description ?? "",
      })),
      messages,
      ephemerals: ws.ephemerals.filter((e) => e.user === me),
      views: runtime.openViews(me).map(({ id, view }) => ({ id, view })),
      activity: runtime.activity.slice(-100),
      scheduled: runtime.scheduledTriggers().map(({ id, name }) => ({
        id,
        name,
      })),
      usergroups: [...ws.usergroups.keys()].map((id) => ({
        id,
        handle: ws.usergroupHandles.get(id),
      })),
      workspace_url: ws.url,
      // What Slack's app home allows: whether people may write to the app.
      app_home: appHome,
      // Until Configure Helpdesk has saved a triage channel, the page says
      // whom to be first.
      configured: Boolean(
        (await slack.datastores.get("settings", SETTINGS_ID)).triage_channel,
      ),
    };
  };
}
