// Step 7 of docs/local-workspace.md, after the restart: Avery works the queue
// (Open tickets, Edit…, Move…) and Riley serves themself from My tickets and
// the DM. It changes the laptop ticket the steps before it look at.
import assert from "node:assert/strict";
import type { Step } from "../walk.ts";

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
