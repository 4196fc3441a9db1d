// The local workspace: the fake Slack Web API, the local runtime running the
// app's own manifest, workflows and functions, and a web page (dev/local/web/)
// whose controls deliver what Slack would deliver. Everything on 127.0.0.1.
import manifest, { helpdeskManifest } from "../../manifest.ts";
import { DEPLOYMENT } from "../../integrations/deployment/current_deployment.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { FakeSlack } from "../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import { manifestBotScopes, manifestDatastores } from "../testing/harness.ts";
import { createCliTriggers } from "../testing/cli_triggers.ts";
import { LocalRuntime, type TriggerLike } from "./runtime/local_runtime.ts";
import { LOCAL_PEOPLE, localSeed } from "./seed.ts";
import { loadState, saveState } from "./state_file.ts";
import { emojiNames } from "./emoji_names.ts";
import { manifestAsSent } from "../tools/print_manifest.ts";
import { SETTINGS_ID } from "../../slack/storage/settings_store.ts";

export interface LocalWorkspaceOptions {
  port?: number;
  /** Where state is kept; nothing is saved when absent. */
  stateFile?: URL;
  fresh?: boolean;
  /**
   * Files travel with tickets, as with HELPDESK_FILES=on: the app gets the
   * files scopes and its functions the setting, the composer attaches
   * files and modals show file fields.
   */
  files?: boolean;
}

export interface LocalWorkspace {
  url: string;
  slack: FakeSlack;
  runtime: LocalRuntime;
  close(): Promise<void>;
}

interface Shortcut {
  id: string;
  trigger: TriggerLike & { name: string; description?: string };
}

const WEB = new URL("./web/", import.meta.url);
const CONTENT_TYPES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "mrkdwn.js": "text/javascript; charset=utf-8",
  "block_kit.js": "text/javascript; charset=utf-8",
  "modal.js": "text/javascript; charset=utf-8",
  "slack_date.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

export async function startLocalWorkspace(
  options: LocalWorkspaceOptions = {},
): Promise<LocalWorkspace> {
  const slack = await FakeSlack.start({
    workspace: localSeed(),
    datastores: manifestDatastores(),
    // As deployed with LOCAL_ENV's settings (see function_host.ts), and
    // the files setting when asked for.
    scopes: [
      ...new Set([
        ...manifestBotScopes(),
        ...settingScopes({
          jsm: { mode: "off" },
          export: true,
          files: options.files === true,
        }),
      ]),
    ],
  });
  const restored = options.stateFile && !options.fresh
    ? await loadState(slack, options.stateFile)
    : false;
  const runtime = new LocalRuntime(
    slack,
    options.files
      ? {
        manifest: helpdeskManifest({ ...DEPLOYMENT, files: true }),
        env: { HELPDESK_FILES: "on" },
      }
      : {},
  );
  if (restored) runtime.resumeAfterRestart();
  const shortcuts = await linkTriggers();
  // As if a developer had run `slack trigger create` for each: the
  // check-up looks for them among the app's triggers.
  await createCliTriggers(slack);

  // Scheduled triggers fire on the clock, as in Slack.
  const clock = setInterval(() => runtime.tick().forEach(track), 5_000);
  let dirty = false;
  slack.onCall(() => dirty = true);
  // One save at a time: on a busy machine a save can outlast the interval,
  // and two would race for the same temporary file.
  let saving: Promise<void> | undefined;
  const saver = options.stateFile
    ? setInterval(() => {
      if (!dirty || saving) return;
      dirty = false;
      saving = saveState(slack, options.stateFile!)
        .catch((error) => console.error("state not saved", error))
        .finally(() => saving = undefined);
    }, 500)
    : undefined;

  const api = new Map<string, (body: Record<string, string>) => unknown>([
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

  /** Runs go on after the click is answered; their errors go to the log. */
  function track(run: { done: Promise<unknown> }) {
    run.done.then(() => dirty = true, (error) => console.error(error));
  }

  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    onListen: () => {},
  }, async (request) => {
    const url = new URL(request.url);
    try {
      if (request.method === "GET" && url.pathname === "/api/state") {
        return Response.json(
          await stateFor(url.searchParams.get("as") ?? LOCAL_PEOPLE[0].id),
        );
      }
      // A file's bytes, for the page to show images and offer downloads as
      // Slack does (the fake's own URLs want the bot's token).
      const fileId = url.pathname.match(/^\/files\/([A-Z0-9]+)$/)?.[1];
      if (request.method === "GET" && fileId) {
        const file = slack.workspace.files.byId.get(fileId);
        if (!file?.bytes || file.deleted) {
          return Response.json({ error: "file_not_found" }, { status: 404 });
        }
        return new Response(file.bytes.slice(), {
          headers: {
            "content-type": file.mimetype,
            "content-disposition": `inline; filename="${
              encodeURIComponent(file.name)
            }"`,
          },
        });
      }
      if (request.method === "GET" && url.pathname === "/emoji.json") {
        return Response.json(await emojiNames(), {
          headers: { "cache-control": "max-age=3600" },
        });
      }
      const handler = api.get(url.pathname);
      if (request.method === "POST" && handler) {
        const result = await handler(await request.json());
        dirty = true;
        return Response.json(result ?? {});
      }
      const file = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
      if (request.method === "GET" && file in CONTENT_TYPES) {
        return new Response(await Deno.readFile(new URL(file, WEB)), {
          headers: { "content-type": CONTENT_TYPES[file] },
        });
      }
      return Response.json({ error: "not found" }, { status: 404 });
    } catch (error) {
      return Response.json(
        { error: String((error as Error).message ?? error) },
        { status: 400 },
      );
    }
  });

  const appHome = (manifestAsSent().features as {
    app_home?: Record<string, boolean>;
  }).app_home ?? {};

  async function stateFor(me: string) {
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
  }

  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    slack,
    runtime,
    async close() {
      clearInterval(saver);
      clearInterval(clock);
      await server.shutdown();
      await saving;
      if (options.stateFile) await saveState(slack, options.stateFile);
      await slack.close();
    },
  };
}

/**
 * The link triggers under triggers/ that people start themselves: those
 * whose inputs are all filled from the trigger's context. The one behind the
 * card buttons has customizable inputs and is reached through its buttons.
 * A trigger for a workflow this deployment leaves out (e.g. Open a Jira
 * issue without JIRA_* settings) is left out too, as Slack would refuse it.
 */
async function linkTriggers(): Promise<Shortcut[]> {
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
