// The local workspace's walkthrough (docs/local-workspace.md, "A ticket's
// whole life"), done in headless Chromium as a newcomer would do it: every step,
// then a thread, the app's DM, and a restart that keeps everything. Any page
// error, console error or failed request fails the test. Each step leaves a
// screenshot in test-results/walkthrough/.
//
// `deno task e2e` runs it; `deno task screenshot` runs it and also refreshes
// the README's picture (docs/local-workspace.png) from the page.
//
// This file starts the workspace and the browser and runs the steps in order;
// the steps live in steps/, a file for each section of the walk they follow.
// Steps are a list: a later feature adds its own after the ones it needs.
import assert from "node:assert/strict";
import { launchChromium, watchForErrors } from "./browser.ts";
import { LocalPage } from "./local_page.ts";
import { startLocalWorkspace } from "../local/workspace_server.ts";
import type { Walk } from "./walk.ts";
import { FIRST_TICKET_STEPS } from "./steps/first_ticket.ts";
import { QUEUE_STEPS } from "./steps/queues.ts";
import { CONVERSATION_STEPS } from "./steps/conversation.ts";
import { RESTART_STEPS } from "./steps/restart.ts";
import { SELF_SERVICE_STEPS } from "./steps/self_service.ts";
import { MERGE_STEPS } from "./steps/merge.ts";
import { ANSWER_STEPS } from "./steps/answers.ts";

const SCREENSHOTS = new URL("../../test-results/walkthrough/", import.meta.url);

Deno.test("the README's walkthrough, in the browser", async (t) => {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  const dir = new URL(
    `../../.local/e2e-${crypto.randomUUID()}/`,
    import.meta.url,
  );
  const stateFile = new URL("state.json", dir);
  // Files on, as with HELPDESK_FILES=on: step 8's report has a screenshot.
  let workspace = await startLocalWorkspace({ stateFile, files: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
    });
    page.setDefaultTimeout(10_000);
    const problems = watchForErrors(page);
    await page.goto(workspace.url);
    const walk: Walk = {
      ui: new LocalPage(page, SCREENSHOTS),
      workspace,
      keys: {},
      async restart() {
        // Same port, and no reload: the open page reconnects by itself.
        const port = Number(new URL(workspace.url).port);
        const before = problems.length;
        await workspace.close();
        workspace = walk.workspace = await startLocalWorkspace({
          stateFile,
          files: true,
          port,
        });
        await page.locator("body:not(.offline)").waitFor();
        // While it was down, the page's polls could not connect: expected.
        const during = problems.splice(before);
        problems.push(
          ...during.filter((p) => !p.includes("ERR_CONNECTION_REFUSED")),
        );
      },
    };
    const steps = [
      ...FIRST_TICKET_STEPS,
      ...QUEUE_STEPS,
      ...CONVERSATION_STEPS,
      ...RESTART_STEPS,
      ...SELF_SERVICE_STEPS,
      ...MERGE_STEPS,
      ...ANSWER_STEPS,
    ];
    for (const [index, step] of steps.entries()) {
      const shot = `${String(index).padStart(2, "0")}-${
        step.name.replace(/\W+/g, "-")
      }`;
      const ok = await t.step(step.name, async () => {
        try {
          await step.run(walk);
        } catch (error) {
          // A page error is the cause to report, not the wait it broke.
          if (problems.length === 0) throw error;
          throw new Error(
            `the page reported problems:\n${problems.join("\n")}\n` +
              `(and then: ${(error as Error).message.split("\n")[0]})`,
          );
        } finally {
          await walk.ui.screenshot(shot);
        }
        assert.deepEqual(problems, [], "the page reported problems");
      });
      if (!ok) break; // later steps need the earlier ones
    }
  } finally {
    await browser.close();
    await workspace.close();
    await Deno.remove(dir, { recursive: true });
  }
});
