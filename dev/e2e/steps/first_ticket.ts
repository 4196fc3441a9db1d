// The walkthrough's first ticket, steps 1–4 of docs/local-workspace.md ("A
// ticket's whole life"): the welcome page, Alex configuring Helpdesk, Riley
// opening a ticket, Avery claiming, assigning and resolving it with
// reactions, and Riley closing it from the DMs. Step 3 also takes the README's
// picture (docs/local-workspace.png) when `deno task screenshot` asks for it.
import assert from "node:assert/strict";
import { ISO_DATE, KEY, type Step } from "../walk.ts";

const README_PICTURE = new URL(
  "../../../docs/local-workspace.png",
  import.meta.url,
);
const UPDATE_README_PICTURE = Deno.args.includes("--readme-screenshot");

export const FIRST_TICKET_STEPS: Step[] = [
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
];
