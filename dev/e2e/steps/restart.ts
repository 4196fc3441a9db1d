// "State, restarts and the Activity panel" of docs/local-workspace.md: the
// workspace restarted on its saved state keeps every ticket, thread and
// reaction, and the cards' buttons still work.
import type { Step } from "../walk.ts";

export const RESTART_STEPS: Step[] = [
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
