// Step 8 of docs/local-workspace.md: two people report one printer (Riley's
// report with a screenshot), and Avery merges them and answers both at once,
// with a file that follows the words.
import { Buffer } from "node:buffer";
import assert from "node:assert/strict";
import { KEY, type Step } from "../walk.ts";

/** A 1×1 white PNG: Riley's screenshot of a blank page. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

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
