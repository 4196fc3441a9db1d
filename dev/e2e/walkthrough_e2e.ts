// The local workspace's walkthrough (docs/local-workspace.md, "A ticket's
// whole life"), done in headless Chromium as a newcomer would do it: every step,
// then a thread, the app's DM, and a restart that keeps everything. Any page
// error, console error or failed request fails the test. Each step leaves a
// screenshot in test-results/walkthrough/.
//
// `deno task e2e` runs it; `deno task screenshot` runs it and also refreshes
// the README's picture (docs/local-workspace.png) from the page.
//
// Steps are a list: a later feature adds its own after the ones it needs.
import { Buffer } from "node:buffer";
import assert from "node:assert/strict";
import { launchChromium, watchForErrors } from "./browser.ts";
import { LocalPage } from "./local_page.ts";
import {
  type LocalWorkspace,
  startLocalWorkspace,
} from "../local/workspace_server.ts";

const SCREENSHOTS = new URL("../../test-results/walkthrough/", import.meta.url);
const README_PICTURE = new URL(
  "../../docs/local-workspace.png",
  import.meta.url,
);
const UPDATE_README_PICTURE = Deno.args.includes("--readme-screenshot");

interface Walk {
  ui: LocalPage;
  workspace: LocalWorkspace;
  /** Restarts the local workspace on the same saved state. */
  restart(): Promise<void>;
  /** Ticket keys by what they are about, as steps learn them. */
  keys: Record<string, string>;
}

interface Step {
  name: string;
  run(walk: Walk): Promise<void>;
}

const KEY = /HD-[0-9A-Z]{6}/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const README_STEPS: Step[] = [
  {
    name: "the first page says whom to be first",
    async run({ ui }) {
      const welcome = ui.page.getByTestId("welcome");
      await welcome.waitFor();
      assert.match(await welcome.innerText(), /Start as Alex, the admin/);
      assert.match(await welcome.innerText(), /Configure Helpdesk/);
      await welcome.getByTestId("be-admin").click();
      await welcome.getByTestId("be-admin").waitFor({ state: "detached" });
      assert.equal(
        await ui.page.getByTestId("person-switcher").inputValue(),
        "U0ALEX",
      );
    },
  },
  {
    name: "1 Alex configures Helpdesk",
    async run({ ui }) {
      await ui.openChannel("general");
      const form = await ui.runShortcut("Configure Helpdesk");
      // A fresh install: Alex is already its first admin.
      assert.match(await form.field("admins").innerText(), /Alex/);
      await form.choose("triage_channel", "#helpdesk-triage");
      await form.pick("agent_users", "Avery");
      // Slack lists user groups by handle.
      await form.choose("agent_usergroup", "@it-team");
      await form.submitAndClose();
      await ui.page.getByTestId("welcome").waitFor({ state: "hidden" });
    },
  },
  {
    name: "2 Riley opens a ticket",
    async run({ ui }) {
      await ui.be(/Riley/);
      await ui.openChannel("general");
      const form = await ui.runShortcut("Open a ticket");
      await form.fill("summary", "Badge doesn't open the 3rd floor <!here>");
      await form.fill(
        "description",
        "Since the reader was replaced & re-flashed.",
      );
      await form.choose("priority", "High");
      await form.submitAndClose();
    },
  },
  {
    name: "3 Avery claims with a reaction, assigns, and resolves with one",
    async run({ ui, keys }) {
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const card = ui.message("Badge doesn't open the 3rd floor");
      await card.waitFor();
      const text = await card.innerText();
      // What Riley typed is shown as typed, not as a mention.
      assert.match(text, /<!here>/);
      keys.badge = KEY.exec(text)![0];
      // Dates as Slack draws them, not the ISO fallback.
      assert.doesNotMatch(text, ISO_DATE);

      await ui.react(card, "eyes");
      await card.getByText("In progress").waitFor();
      assert.equal(
        await card.getByTestId("reaction-eyes").innerText(),
        "👀 1",
      );
      await ui.click(card, "Assign to…");
      const assign = await ui.modal();
      await assign.choose("assignee", /Sam/);
      await assign.submitAndClose();
      await card.getByText("Sam (agent)").first().waitFor();
      await ui.screenshot("readme-card");
      if (UPDATE_README_PICTURE) await ui.screenshot("", README_PICTURE);

      await ui.react(card, "white_check_mark");
      await card.getByText("Resolved").waitFor();
      assert.equal(await card.getByTestId("action-Claim").count(), 0);
    },
  },
  {
    name: "4 Riley reads the DMs and closes the ticket",
    async run({ ui, keys }) {
      await ui.be(/Riley/);
      await ui.openAppDm();
      await ui.message("is resolved").waitFor();
      const dm = await ui.page.locator("#messages").innerText();
      assert.match(dm, new RegExp(`Your ticket ${keys.badge} is open`));
      assert.match(dm, /is being worked on/);
      assert.doesNotMatch(dm, ISO_DATE);
      // The app's Messages tab is read-only, as the manifest has it.
      await ui.page.getByTestId("read-only").waitFor();
      assert.equal(await ui.page.getByTestId("composer").isVisible(), false);
      // The ticket's link opens its card here, not on slack.com.
      await ui.message(`Your ticket ${keys.badge} is open`)
        .locator("a.permalink").first().click();
      await ui.page.getByTestId("conversation-title").filter({
        hasText: "#helpdesk-triage",
      }).waitFor();
      const card = ui.message(keys.badge);
      await card.and(ui.page.locator(".highlight")).waitFor();
      await ui.click(card, "Close");
      await card.getByText("Closed").waitFor();
    },
  },
  {
    name: "5a Alex sets up a queue and a request type that needs approval",
    async run({ ui }) {
      await ui.be(/Alex/);
      await ui.openChannel("general");
      const queue = await ui.runShortcut("Configure a queue");
      await queue.choose("queue", "A new queue");
      await queue.submitAndExpect("New queue");
      await queue.fill("name", "People team");
      await queue.choose("triage_channel", "#helpdesk-triage");
      await queue.pick("intake_channels", "general");
      await queue.choose("owner", /Alex/);
      await queue.pick("member_people", "Avery");
      await queue.pick("superuser_people", "Pat");
      await queue.submitAndClose();
      await ui.openAppDm();
      await ui.message("People team").waitFor();

      const type = await ui.runShortcut("Configure a request type");
      await type.choose("request_type", "A new request type for People team");
      await type.submitAndExpect("New request type");
      await type.fill("name", "New laptop");
      await type.fill("fields", "Model*: select(Air, Pro)");
      await type.check("needs_approval");
      await type.submitAndClose();
      await ui.message("New laptop").waitFor();
    },
  },
  {
    name: "5b Riley asks for a laptop: the type first, then its questions",
    async run({ ui }) {
      await ui.be(/Riley/);
      await ui.openChannel("general");
      const form = await ui.runShortcut("Open a ticket");
      await form.choose("request_type", "New laptop");
      await form.submitAndExpect("New laptop");
      // The second step is drawn: the type's own question is there.
      await form.field("field_model").waitFor();
      await form.fill("summary", "Laptop for my first day");
      await form.choose("field_model", "Pro");
      await form.submitAndClose();
    },
  },
  {
    name: "5c Pat approves from the DM, and the card appears",
    async run({ ui, keys }) {
      await ui.be(/Pat/);
      await ui.openAppDm();
      const request = ui.message("Laptop for my first day");
      await request.waitFor();
      keys.laptop = KEY.exec(await request.innerText())![0];
      await ui.click(request, "Approve");
      await request.getByText(/Approved/).first().waitFor();
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      await ui.message(keys.laptop).getByText("Approved", { exact: false })
        .first().waitFor();
    },
  },
  {
    name: "5d :ticket: on a message in the intake channel makes a ticket",
    async run({ ui, keys }) {
      await ui.be(/Riley/);
      await ui.openChannel("general");
      await ui.post("The printer on 2 jams on every page");
      const message = ui.message("The printer on 2 jams on every page");
      await ui.be(/Sam/);
      await ui.openChannel("general");
      await ui.react(message, "ticket");
      // Helpdesk answers in the message's thread with the new ticket's key.
      await message.getByTestId("replies").waitFor();
      const thread = await ui.openThread(message);
      await thread.getByText(/turned this message into/).waitFor();
      keys.printer = KEY.exec(await thread.innerText())![0];
      await ui.openChannel("helpdesk-triage");
      await ui.message(keys.printer).waitFor();
    },
  },
];

export const MORE_STEPS: Step[] = [
  {
    name: "a queue's form opens on what is saved",
    async run({ ui }) {
      await ui.be(/Alex/);
      await ui.openChannel("general");
      const queue = await ui.runShortcut("Configure a queue");
      await queue.choose("queue", "People team");
      await queue.submitAndExpect("Change a queue");
      assert.equal(await queue.field("name").inputValue(), "People team");
      assert.match(await queue.field("member_people").innerText(), /Avery/);
      assert.match(await queue.field("superuser_people").innerText(), /Pat/);
      // A mistake is shown under its field, and what was typed stays.
      await queue.fill("holidays", "2026-12-25\nsometime in May");
      await queue.submit();
      await queue.error("holidays").getByText(/"sometime in May"/).waitFor();
      assert.equal(
        await queue.field("holidays").inputValue(),
        "2026-12-25\nsometime in May",
      );
      await queue.fill("holidays", "2026-12-25 Christmas");
      await queue.submitAndClose();
      await ui.openAppDm();
      await ui.message(/Holidays: 1 holiday/).waitFor();
    },
  },
  {
    name: "a thread on the card",
    async run({ ui, keys }) {
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const card = ui.message(keys.printer);
      await ui.click(card, "Claim");
      await card.getByText("In progress").waitFor();
      const thread = await ui.openThread(card);
      await thread.getByText(/claimed/).waitFor();
      await ui.reply("Paper tray is bent; a new one is ordered.");
      await card.getByTestId("replies").filter({ hasText: /2 replies/ })
        .waitFor();
    },
  },
  {
    name:
      "6a Avery asks Riley, in the thread Riley started; Riley answers there",
    async run({ ui, keys }) {
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      await ui.click(ui.message(keys.printer), "Reply to requester");
      const reply = await ui.modal("Reply to requester");
      await reply.fill("message", "Which tray jams, the upper or the lower?");
      await reply.submitAndClose();
      await ui.be(/Riley/);
      await ui.openChannel("general");
      const message = ui.message("The printer on 2 jams on every page");
      const thread = await ui.openThread(message);
      await thread.getByText(/Which tray jams/).waitFor();
      await ui.reply("The lower one <!here>");
      // Passed to the agents: Helpdesk marks the reply.
      await thread.locator(".message", { hasText: "The lower one" })
        .getByTestId("reaction-envelope_with_arrow").waitFor();
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const cardThread = await ui.openThread(ui.message(keys.printer));
      await cardThread.getByText(/Riley.*wrote/).waitFor();
      assert.match(await cardThread.innerText(), /The lower one <!here>/);
    },
  },
  {
    name: "6b Avery replies about the laptop; Riley answers from the DM",
    async run({ ui, keys }) {
      await ui.click(ui.message(keys.laptop), "Reply to requester");
      const reply = await ui.modal("Reply to requester");
      await reply.fill("message", "The 14-inch or the 16-inch Pro?");
      await reply.submitAndClose();
      await ui.be(/Riley/);
      await ui.openAppDm();
      const asked = ui.message("The 14-inch or the 16-inch Pro?");
      await asked.waitFor();
      await ui.click(asked, "Reply");
      const answer = await ui.modal("Add to your ticket");
      await answer.fill("message", "The 14-inch, please");
      await answer.submitAndClose();
      // The DM conversation keeps to one thread, Riley's words in it too.
      const conversation = await ui.openThread(asked);
      await conversation.getByText(/You added to/).waitFor();
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const cardThread = await ui.openThread(ui.message(keys.laptop));
      await cardThread.getByText(/The 14-inch, please/).waitFor();
    },
  },
  {
    name: "the requester's DM tells the story, and links into the page",
    async run({ ui, keys }) {
      await ui.be(/Riley/);
      await ui.openAppDm();
      const approved = ui.message(keys.laptop);
      await approved.waitFor();
      assert.doesNotMatch(await approved.innerText(), ISO_DATE);
      await ui.message(keys.printer).waitFor();
    },
  },
  {
    name: "a restart keeps everything, and the buttons still work",
    async run(walk) {
      await walk.restart();
      const { ui, keys } = walk;
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      for (const key of [keys.badge, keys.laptop, keys.printer]) {
        await ui.message(key).waitFor();
      }
      // Claimed, Avery's note, the reply to Riley and Riley's answer.
      const card = ui.message(keys.printer);
      await card.getByTestId("replies").filter({ hasText: /4 replies/ })
        .waitFor();
      await ui.click(card, "Resolve");
      await card.getByText("Resolved").waitFor();
      // Reactions drawn before the restart are drawn after it.
      await ui.message(keys.badge).getByTestId("reaction-eyes").waitFor();
    },
  },
];

// Step 7 of docs/local-workspace.md, after the restart: it changes the laptop ticket the
// steps before it look at.
export const SELF_SERVICE_STEPS: Step[] = [
  {
    name: "7a Avery lists the open tickets, then edits and moves the laptop",
    async run({ ui, keys }) {
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const list = await ui.runShortcut("Open tickets");
      await list.root.getByText(keys.laptop).first().waitFor();
      const order = list.root.getByTestId("action-open_tickets_order");
      await order.selectOption("unassigned");
      // The run redraws the list in the order chosen.
      await list.root.locator(
        "[data-testid=action-open_tickets_order] option[value=unassigned][selected]",
      ).waitFor({ state: "attached" });
      await list.root.getByTestId("modal-cancel").click();
      await list.root.waitFor({ state: "detached" });

      const card = ui.message(keys.laptop);
      await ui.click(card, "Edit…");
      const edit = await ui.modal(`Edit ${keys.laptop}`);
      await edit.choose("priority", "Urgent");
      await edit.submitAndClose();
      await card.getByText("Urgent").first().waitFor();

      await ui.click(card, "Move…");
      const move = await ui.modal(`Move ${keys.laptop}`);
      await move.choose("target_queue", "Helpdesk");
      await move.submitAndClose();
      const thread = await ui.openThread(card);
      await thread.getByText(/to the Helpdesk queue/).waitFor();
    },
  },
  {
    name:
      "7b Riley withdraws the laptop from My tickets, reopens the badge on a lower row, then the laptop",
    async run({ ui, keys }) {
      await ui.be(/Riley/);
      await ui.openChannel("general");
      const list = await ui.runShortcut("My tickets");
      await list.root.getByText(keys.laptop).first().waitFor();
      // Withdraw asks first, as Slack's confirm dialog does.
      ui.page.once("dialog", (dialog) => dialog.accept());
      await list.root.getByTestId("action-Withdraw").click();
      await list.root.getByText(`${keys.laptop} is withdrawn.`).waitFor();
      // A row other than the first: the badge's Reopen, whose action id the
      // rows above it share. The page sends its block and value, as Slack
      // does, so the badge is reopened, not the first row's ticket.
      const rows = await list.root.innerText();
      const firstRow = [keys.laptop, keys.printer, keys.badge]
        .sort((a, b) => rows.indexOf(a) - rows.indexOf(b))[0];
      assert.notEqual(firstRow, keys.badge, "the badge is the first row");
      const badgeButtons = list.root.locator(".block-section", {
        hasText: keys.badge,
      }).locator(
        "xpath=following-sibling::div[contains(@class,'block-actions')][1]",
      );
      await badgeButtons.getByTestId("action-Reopen").click();
      await list.root.getByText(`${keys.badge} is reopened`).waitFor();
      await list.root.getByTestId("modal-cancel").click();
      await list.root.waitFor({ state: "detached" });

      await ui.openAppDm();
      const withdrawn = ui.message(`You withdrew`);
      await withdrawn.waitFor();
      await ui.click(withdrawn, "Reopen");
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      await ui.message(keys.laptop).getByText("New").first().waitFor();
    },
  },
];

/** A 1×1 white PNG: Riley's screenshot of a blank page. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

// Step 8 of docs/local-workspace.md: two people report one printer, and
// Avery merges them and answers both at once.
export const MERGE_STEPS: Step[] = [
  {
    name: "8 Riley and Sam report one printer; Avery merges and answers both",
    async run({ ui, keys }) {
      const report = async (
        author: RegExp,
        reactor: RegExp,
        text: string,
        files: Parameters<typeof ui.post>[1] = [],
      ) => {
        await ui.be(author);
        await ui.openChannel("general");
        await ui.post(text, files);
        const message = ui.message(text);
        await ui.be(reactor);
        await ui.openChannel("general");
        await ui.react(message, "ticket");
        await message.getByTestId("replies").waitFor();
        const thread = await ui.openThread(message);
        await thread.getByText(/turned this message into/).waitFor();
        return KEY.exec(await thread.innerText())![0];
      };
      // Riley's report carries a screenshot of the blank page.
      keys.toner = await report(
        /Riley/,
        /Sam/,
        "The printer on 4 prints blank pages",
        [{ name: "blank-page.png", mimeType: "image/png", buffer: PNG }],
      );
      await ui.message("The printer on 4 prints blank pages")
        .getByTestId("file-blank-page.png").waitFor();
      keys.tonerToo = await report(
        /Sam/,
        /Riley/,
        "Blank pages from the 4th floor printer",
      );
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      // The kept card is the earlier one; the merged card names it too.
      const kept = ui.page.locator("#messages .message", {
        hasText: keys.toner,
      }).first();
      const merged = ui.message(keys.tonerToo);
      await ui.click(merged, "Merge into…");
      const form = await ui.modal(`Merge ${keys.tonerToo}`);
      // Offered because the summaries look alike.
      await form.choose("alike_ticket", keys.toner);
      await form.submitAndClose();
      await merged.getByText(/Merged into/).waitFor();
      await kept.getByText(/merged here/).waitFor();
      assert.match(await kept.innerText(), /Riley[\s\S]*Sam/);
      // The screenshot reached the agents: a copy in the kept card's thread.
      const cardThread = await ui.openThread(kept);
      await cardThread.getByTestId("file-blank-page.png").waitFor();

      await ui.click(kept, "Reply to requester");
      const reply = await ui.modal("Reply to requester");
      await reply.fill("message", "New toner is in: it prints again.");
      // With a file for both requesters: it follows the words.
      await ui.page.getByTestId("input-files").setInputFiles({
        name: "test-page.png",
        mimeType: "image/png",
        buffer: Buffer.from(PNG),
      });
      await reply.submitAndClose();
      await ui.be(/Sam/);
      await ui.openAppDm();
      await ui.message(/New toner is in/).waitFor();
      await ui.be(/Riley/);
      await ui.openChannel("general");
      const thread = await ui.openThread(
        ui.message("The printer on 4 prints blank pages"),
      );
      await thread.getByText(/New toner is in/).waitFor();
      await thread.getByTestId("file-test-page.png").waitFor();
    },
  },
];

// Step 10 of docs/local-workspace.md: answers that repeat. A saved reply
// answers the toner ticket; once the scheduled run has added it to the
// suggestions, Riley's next printer ticket is offered it, Avery's Similar…
// lists it, and This solved it closes Riley's ticket.
export const ANSWER_STEPS: Step[] = [
  {
    name:
      "10a Alex saves a reply; Avery sends it and resolves the toner ticket",
    async run({ ui, keys }) {
      await ui.be(/Alex/);
      await ui.openChannel("general");
      const saved = await ui.runShortcut("Saved replies");
      // The :ticket: reactions in #general went to its queue.
      await saved.choose("queue", "People team");
      await saved.submitAndExpect("Saved replies");
      await saved.fill("title", "Toner replaced");
      await saved.fill(
        "text",
        "Hi {requester}, the toner is replaced: {key} prints again.",
      );
      await saved.submitAndClose();

      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const card = ui.page.locator("#messages .message", {
        hasText: keys.toner,
      }).first();
      await ui.click(card, "Reply to requester");
      const reply = await ui.modal("Reply to requester");
      await reply.root.getByTestId("action-saved_reply_pick").selectOption({
        label: "Toner replaced",
      });
      // The modal comes back with the reply filled in.
      const filled = `the toner is replaced: ${keys.toner} prints again`;
      await ui.page.waitForFunction(
        `document.querySelector('[data-testid="input-message"]')` +
          `?.value.includes(${JSON.stringify(filled)})`,
      );
      await reply.submitAndClose();
      // Nobody has it yet: claimed first, then resolved.
      await ui.click(card, "Claim");
      await card.getByTestId("action-Resolve").waitFor();
      await ui.click(card, "Resolve");
      await card.getByText("Resolved").first().waitFor();
      // The scheduled run adds solved tickets to the suggestions; the
      // Activity panel lists it once it completed.
      const sweeps = () =>
        ui.page.locator("#activity-list li", {
          hasText: /service_level_sweep[\s\S]*completed/,
        }).count();
      const before = await sweeps();
      await ui.page.locator('[data-testid^="run-Helpdesk-SLA-check"]').first()
        .click();
      await ui.page.waitForFunction(
        `[...document.querySelectorAll("#activity-list li")].filter((li) =>` +
          ` /service_level_sweep[\\s\\S]*completed/.test(li.textContent)` +
          `).length >= ${before + 2}`,
      );
    },
  },
  {
    name:
      "10b Riley's next printer ticket is offered the solved one; Similar… lists it; This solved it closes it",
    async run({ ui, keys }) {
      const text = "The printer on 4 prints blank pages again";
      await ui.be(/Riley/);
      await ui.openChannel("general");
      await ui.post(text);
      await ui.be(/Sam/);
      await ui.openChannel("general");
      const message = ui.message(text);
      await ui.react(message, "ticket");
      await message.getByTestId("replies").waitFor();
      const thread = await ui.openThread(message);
      await thread.getByText(/turned this message into/).waitFor();
      keys.again = KEY.exec(await thread.innerText())![0];

      await ui.be(/Riley/);
      await ui.openAppDm();
      const offer = ui.message(`While the agents look at ${keys.again}`);
      await offer.waitFor();
      assert.match(await offer.innerText(), new RegExp(keys.toner));
      // The saved reply's {requester} was the toner ticket's, not Riley's.
      assert.match(await offer.innerText(), /Hi the requester, the toner/);

      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      const card = ui.message(keys.again);
      await ui.click(card, "Similar…");
      const similar = ui.page.locator("#messages .message", {
        hasText: `Solved tickets like ${keys.again}`,
      });
      await similar.waitFor();
      assert.match(await similar.innerText(), new RegExp(keys.toner));

      await ui.be(/Riley/);
      await ui.openAppDm();
      await offer.getByTestId("action-This solved it").first().click();
      await ui.message(new RegExp(`You closed ${keys.again}`)).waitFor();
      await ui.be(/Avery/);
      await ui.openChannel("helpdesk-triage");
      await ui.page.locator("#messages .message", { hasText: keys.again })
        .first().getByText(/solved by a suggestion/).waitFor();
    },
  },
];

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
      ...README_STEPS,
      ...MORE_STEPS,
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
