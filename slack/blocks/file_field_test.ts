import assert from "node:assert/strict";
import { conversationModal } from "./conversation_messages.ts";
import { detailsView } from "./request_form.ts";
import { FILES_BLOCK } from "./file_field.ts";
import { ViewState } from "./view_state.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const ticket = {
  id: "t1",
  key: "HD-1",
  summary: "Printer",
  requester: "UREQ",
} as Ticket;

const fileInputs = (view: { blocks: unknown[] }) =>
  view.blocks.filter((b) =>
    (b as { element?: { type?: string } }).element?.type === "file_input"
  );

Deno.test("file fields appear only where files are on", async (t) => {
  await t.step("Reply offers files when on; Note and Add never", () => {
    assert.equal(fileInputs(conversationModal(ticket, "reply", "r")).length, 0);
    const on = conversationModal(ticket, "reply", "r", { files: true });
    const [field] = fileInputs(on) as {
      block_id: string;
      optional: boolean;
      element: { max_files: number };
    }[];
    assert.equal(field.block_id, FILES_BLOCK);
    assert.equal(field.optional, true);
    assert.equal(field.element.max_files, 10);
    for (const action of ["note", "comment"] as const) {
      const view = conversationModal(ticket, action, "x", { files: true });
      assert.equal(fileInputs(view).length, 0);
    }
  });

  await t.step("the request form offers files when on", () => {
    assert.equal(fileInputs(detailsView(undefined)).length, 0);
    assert.equal(
      fileInputs(detailsView(undefined, { files: true })).length,
      1,
    );
  });

  await t.step("the submitted files are read by id, nothing else", () => {
    const state = new ViewState({
      [FILES_BLOCK]: {
        [FILES_BLOCK]: {
          type: "file_input",
          files: [
            { id: "F0ABC", name: "a.png" },
            { id: "F0ABC", name: "a.png" },
            { id: "<!channel>" },
            null,
            { name: "no id" },
            { id: "F0DEF" },
          ],
        },
      },
    });
    assert.deepEqual(state.files(FILES_BLOCK), ["F0ABC", "F0DEF"]);
    assert.deepEqual(new ViewState({}).files(FILES_BLOCK), []);
  });
});
