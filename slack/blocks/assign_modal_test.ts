import assert from "node:assert/strict";
import { ticketIdFromMetadata } from "./modal_metadata.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type { InputBlock, SectionBlock, UsersSelect } from "@slack/types";
import {
  ASSIGNEE_ACTION,
  ASSIGNEE_BLOCK,
  assignModal,
} from "./assign_modal.ts";
import { blockKitProblems } from "../../dev/testing/fake_slack/block_kit_limits.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

function ticket(extra: Partial<Ticket> = {}): Ticket {
  return sampleTicket({
    status: "in_progress",
    created_at: 1,
    updated_at: 1,
    ...extra,
  });
}

function picker(view: ReturnType<typeof assignModal>) {
  const input = view.blocks.find((b) => b.type === "input") as InputBlock;
  return { input, select: input.element as UsersSelect };
}

Deno.test("the modal is a user picker for the ticket", () => {
  const view = assignModal(ticket(), "assign_cb");
  assert.equal(view.type, "modal");
  assert.equal(view.callback_id, "assign_cb");
  assert.equal(view.notify_on_close, true);
  assert.equal(view.title.text, "Assign ticket");
  assert.ok(view.title.text.length <= 24, "Slack's modal title limit");
  assert.equal(view.submit?.text, "Assign");
  assert.deepEqual(blockKitProblems(view.blocks, "view"), []);
  const { input, select } = picker(view);
  assert.equal(input.block_id, ASSIGNEE_BLOCK);
  assert.equal(select.type, "users_select");
  assert.equal(select.action_id, ASSIGNEE_ACTION);
  assert.equal(select.initial_user, undefined);
  assert.ok(!("initial_user" in select));
  const section = view.blocks[0] as SectionBlock;
  assert.equal(section.text?.text, "*HD-ABC123* Laptop won't boot");
});

Deno.test("the current assignee is preselected", () => {
  const { select } = picker(assignModal(ticket({ assignee: "UAGENT" }), "cb"));
  assert.equal(select.initial_user, "UAGENT");
});

Deno.test("the summary is escaped", () => {
  for (const hostile of HOSTILE_TEXT) {
    const view = assignModal(ticket({ summary: hostile }), "cb");
    const text = (view.blocks[0] as SectionBlock).text!.text;
    assert.ok(isInert(text), text);
  }
});

Deno.test("the ticket id round-trips through private_metadata", () => {
  const view = assignModal(ticket(), "cb");
  assert.equal(ticketIdFromMetadata(view.private_metadata), "01TICKETID");
  const odd = assignModal(ticket({ id: 'a"b\\c' }), "cb");
  assert.equal(ticketIdFromMetadata(odd.private_metadata), 'a"b\\c');
});

Deno.test("unusable metadata gives no ticket id", async (t) => {
  for (
    const metadata of [
      undefined,
      "",
      "{",
      "null",
      "[]",
      "{}",
      '{"ticket_id":7}',
      '"x"',
    ]
  ) {
    await t.step(String(metadata), () => {
      assert.equal(ticketIdFromMetadata(metadata), undefined);
    });
  }
});
