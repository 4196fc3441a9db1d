// Step 10 of docs/local-workspace.md: answers that repeat. A saved reply
// answers the toner ticket; once the scheduled run has added it to the
// suggestions, Riley's next printer ticket is offered it, Avery's Similar…
// lists it, and This solved it closes Riley's ticket.
import assert from "node:assert/strict";
import { KEY, type Step } from "../walk.ts";

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
