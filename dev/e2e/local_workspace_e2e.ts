// In headless Chromium, a person's whole path through a ticket on the local
// workspace: the requester opens a ticket with the shortcut form, an agent
// claims and resolves it from the card, and the requester reads the DMs.
// Run with `deno task e2e` (needs /usr/bin/chromium: Debian's chromium).
import assert from "node:assert/strict";
import { chromium, type Page } from "playwright-core";
import { startLocalWorkspace } from "../local/workspace_server.ts";

const CHROMIUM = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";
const SCREENSHOTS = new URL("../../test-results/", import.meta.url);

async function setUp() {
  const workspace = await startLocalWorkspace();
  // Helpdesk is configured as an admin would, through its own form.
  const admin = "U0ALEX";
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, workspace.url), {
      method: "POST",
      body: JSON.stringify(body),
    }).then((r) => r.json());
  await post("/api/shortcut", {
    trigger_id: "configure_helpdesk",
    as: admin,
    channel: "C0GENERAL",
  });
  const [form] = workspace.runtime.openViews(admin);
  await workspace.runtime.submitView(form.id, admin, {
    triage_channel: "C0TRIAGE",
    agent_users: ["U0AVERY", "U0SAM"],
  });
  return workspace;
}

async function signInAs(page: Page, name: RegExp) {
  const switcher = page.getByTestId("person-switcher");
  const value = await switcher.locator("option").filter({ hasText: name })
    .getAttribute("value");
  await switcher.selectOption(value!);
}

Deno.test("a ticket's life in the browser", async (t) => {
  const workspace = await setUp();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
    });
    await page.goto(workspace.url);

    await t.step(
      "the requester opens a ticket through the shortcut form",
      async () => {
        await signInAs(page, /Riley/);
        await page.getByTestId("channel-general").click();
        await page.getByTestId("shortcut-Open-a-ticket").click();
        const modal = page.getByTestId("modal");
        await modal.waitFor();
        await page.getByTestId("input-summary").fill(
          "Badge doesn't open the 3rd floor <!here>",
        );
        await page.getByTestId("input-description").fill(
          "Since the reader was replaced & re-flashed.",
        );
        await page.getByTestId("input-priority").selectOption("high");
        await page.getByTestId("modal-submit").click();
        await modal.waitFor({ state: "detached" });
      },
    );

    await t.step("the card appears in the triage channel", async () => {
      await page.getByTestId("channel-helpdesk-triage").click();
      const card = page.locator(".message", {
        hasText: "Badge doesn't open the 3rd floor",
      });
      await card.waitFor();
      // The pasted <!here> is shown as text, not as a mention.
      assert.match(await card.innerText(), /<!here>/);
      assert.match(await card.innerText(), /New/);
    });

    await t.step("an agent claims and resolves it", async () => {
      await signInAs(page, /Avery/);
      await page.getByTestId("channel-helpdesk-triage").click();
      const card = page.locator(".message", { hasText: "Badge doesn't open" });
      await card.getByTestId("action-Claim").click();
      await card.getByText("In progress").waitFor();
      await card.getByText("Avery (agent)").first().waitFor();
      await page.screenshot({
        path: new URL("local-workspace-card.png", SCREENSHOTS).pathname,
      });
      await card.getByTestId("action-Resolve").click();
      await card.getByText("Resolved").waitFor();
      assert.equal(await card.getByTestId("action-Claim").count(), 0);
    });

    await t.step("back as the requester, the DMs tell the story", async () => {
      await signInAs(page, /Riley/);
      await page.getByTestId("dm-helpdesk").click();
      await page.locator(".message", { hasText: "is resolved" }).waitFor();
      const text = await page.locator("#messages").innerText();
      assert.match(text, /Your ticket HD-[0-9A-Z]{6} is open/);
      assert.match(text, /is being worked on/);
    });
  } finally {
    await browser.close();
    await workspace.close();
  }
});
