import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { deleteTicket } from "./ticket_deletion.ts";
import { noteRemoved, withTicketLock } from "./ticket_lock.ts";

Deno.test("a ticket deleted under its lock: the next holders are told why", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const purger = clientFor(slack);
  const purged = await withTicketLock(purger, ticket, async () => {
    await deleteTicket(purger, ticket);
    noteRemoved(purger, ticket.id, { kind: "retention", days: 30 });
  });
  assert.equal(purged.ok, true);

  await t.step("the purger's release record says so", async () => {
    const record = await slack.datastores.get("locks", `ticket:${ticket.id}`);
    assert.equal(record.state, "releasing");
    assert.equal(record.removed, "retention:30");
  });

  for (const nth of ["first", "second"]) {
    await t.step(
      `the ${nth} run after it changes nothing, says why`,
      async () => {
        let ran = false;
        const later = await withTicketLock(clientFor(slack), ticket, () => {
          ran = true;
          return Promise.resolve();
        });
        assert.equal(ran, false);
        assert.deepEqual(later, {
          ok: false,
          reason:
            `${ticket.key} was removed from Helpdesk a moment ago, after 30 days under Helpdesk's retention period. Nothing changed, and nothing is left to change.`,
          removed: true,
        });
        // Passed on in its own release, for the run after.
        const record = await slack.datastores.get(
          "locks",
          `ticket:${ticket.id}`,
        );
        assert.equal(record.removed, "retention:30");
      },
    );
  }
});
