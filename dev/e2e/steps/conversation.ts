// Step 6 of docs/local-workspace.md, Riley and Avery talking through a
// ticket: a thread on a card, a reply to the requester answered in the thread
// Riley started and from Helpdesk's DM, and the requester's DMs telling the
// story with links into the page.
import assert from "node:assert/strict";
import { ISO_DATE, type Step } from "../walk.ts";

export const CONVERSATION_STEPS: Step[] = [
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
];
