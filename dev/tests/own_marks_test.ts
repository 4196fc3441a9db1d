// Helpdesk's own reactions are named where they are used; the intake emoji
// check refuses the list in helpdesk/tickets/reaction_marks.ts. This keeps
// the list complete: a mark added to the lock or the relay without being
// listed would let an admin pick it as the intake emoji, and Helpdesk would
// then start ticket runs from its own reactions.
import assert from "node:assert/strict";
import {
  HELPDESK_MARKS,
  isHelpdeskMark,
  LOCK_MARK,
  RELAY_MARK,
  TICKET_MARK,
} from "../../helpdesk/tickets/message_ticket.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { RELAYED_MARK } from "../../use_cases/conversation/thread_relay.ts";
import { intakeEmoji } from "../../helpdesk/helpdesk_form.ts";
import { DEFAULT_INTAKE_EMOJI } from "../../helpdesk/tickets/message_ticket.ts";

Deno.test("Helpdesk's own marks", async (t) => {
  await t.step(
    "the list names the lock, the relay and the intake marks",
    () => {
      for (const mark of [TICKET_MARK, LOCK_REACTION, RELAYED_MARK]) {
        assert.ok(isHelpdeskMark(mark), `${mark} is missing`);
      }
      assert.equal(Object.keys(HELPDESK_MARKS).length, 3);
      // The check-up races for the lock's own reaction.
      assert.equal(LOCK_MARK, LOCK_REACTION);
      assert.equal(RELAY_MARK, RELAYED_MARK);
    },
  );

  await t.step("none of them can be the intake emoji", () => {
    for (const mark of Object.keys(HELPDESK_MARKS)) {
      const checked = intakeEmoji(`:${mark}:`);
      assert.equal(checked.ok, false, mark);
    }
    assert.deepEqual(intakeEmoji(DEFAULT_INTAKE_EMOJI), {
      ok: true,
      value: DEFAULT_INTAKE_EMOJI,
    });
    assert.equal(isHelpdeskMark("toString"), false, "no inherited names");
  });
});
