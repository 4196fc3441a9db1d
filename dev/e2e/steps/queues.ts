// Step 5 of docs/local-workspace.md, queues and approvals: Alex sets up a
// queue and a request type that needs approval, Riley asks for a laptop, Pat
// approves it, a :ticket: reaction in the intake channel makes a ticket, and
// the queue's form opens again on what was saved (a mistake shown under its
// field, then fixed).
import assert from "node:assert/strict";
import { KEY, type Step } from "../walk.ts";

export const QUEUE_STEPS: Step[] = [
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
];
