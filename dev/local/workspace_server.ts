// The local workspace: the fake Slack Web API, the local runtime running the
// app's own manifest, workflows and functions, and a web page (dev/local/web/)
// whose controls deliver what Slack would deliver. Everything on 127.0.0.1.
//
// This file starts them, keeps the state saved and serves the page over
// HTTP: what the page's controls do is page_actions.ts, what it is sent to
// draw page_state.ts, and the shortcuts it offers link_shortcuts.ts.
import { helpdeskManifest } from "../../manifest.ts";
import { DEPLOYMENT } from "../../integrations/deployment/current_deployment.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { FakeSlack } from "../testing/fake_slack/server.ts";
import { manifestBotScopes, manifestDatastores } from "../testing/harness.ts";
import { createCliTriggers } from "../testing/cli_triggers.ts";
import { LocalRuntime } from "./runtime/local_runtime.ts";
import { LOCAL_PEOPLE, localSeed } from "./seed.ts";
import { loadState, saveState } from "./state_file.ts";
import { emojiNames } from "./emoji_names.ts";
import { linkTriggers } from "./link_shortcuts.ts";
import { pageActions } from "./page_actions.ts";
import { pageStateReader } from "./page_state.ts";

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

  /** Runs go on after the click is answered; their errors go to the log. */
  function track(run: { done: Promise<unknown> }) {
    run.done.then(() => dirty = true, (error) => console.error(error));
  }
  const api = pageActions(slack, runtime, shortcuts, track);
  const stateFor = pageStateReader(slack, runtime, shortcuts);

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
