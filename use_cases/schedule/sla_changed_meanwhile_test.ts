// A notice is about the ticket as it is when it is posted, not as the run
// read it seconds before: a run reads its due tickets first, then works out
// who to tell and posts a second apart per channel, and an agent's click
// saved in between (a resolve, a wait on the requester) makes the notice
// untrue. No one is told to act on a ticket that no longer needs it; the
// next run decides on the ticket as it is then.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run, ticketOpened } from "../../dev/testing/scheduled_checks.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { WorkAction } from "../../helpdesk/tickets/ticket_actions.ts";
import { changeTicket } from "../changes/change_ticket.ts";

const H = 3600;
const OWNER = PEOPLE.admin;

const replies = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).map((m) => m.text);

/**
 * An agent's click, saved under the ticket's lock right after the run read
 * its due tickets, before anything after that read is answered.
 */
function clickAfterTheRunsRead(
  slack: FakeSlack,
  ticket: Ticket,
  action: WorkAction,
  now: number,
) {
  const state = { read: false, clicked: false };
  slack.onCall((call) => {
    if (
      call.method === "apps.datastore.bulkGet" &&
      call.args.datastore === "tickets" &&
      JSON.stringify(call.args.ids).includes(ticket.id)
    ) state.read = true;
  });
  slack.beforeAnswer(async () => {
    if (!state.read || state.clicked) return;
    state.clicked = true;
    const done = await changeTicket(
      clientFor(slack),
      ticket.id,
      action,
      PEOPLE.agent,
      now,
    );
    assert.ok(done.ok, JSON.stringify(done));
  });
  return state;
}

Deno.test("a notice due when the run read the ticket, no longer due when it posts", async (t) => {
  await t.step("resolved meanwhile: no warning", async () => {
    await using slack = await startFakeSlack();
    const now = Math.floor(Date.now() / 1000);
    await configure(slack, defaultSettings({ owner: OWNER }));
    // 3.5 h old with no response: the first-response warning is due.
    const ticket = await ticketOpened(slack, now, 3.5 * H, {
      assignee: PEOPLE.agent,
      status: "in_progress",
    });
    const click = clickAfterTheRunsRead(
      slack,
      ticket,
      { type: "resolve" },
      now,
    );
    const report = await run(slack, now);
    assert.ok(click.clicked);
    assert.equal(report.notices, 0);
    assert.deepEqual(
      replies(slack, ticket).filter((r) => /needs a first response/.test(r)),
      [],
    );
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.status, "resolved");
    assert.deepEqual(saved.sla_notices ?? [], []);
    // Nor later: the ticket as it is has nothing due.
    await run(slack, now + 60);
    assert.deepEqual(
      replies(slack, ticket).filter((r) => /needs a first response/.test(r)),
      [],
    );
  });

  await t.step(
    "waiting on the requester meanwhile: a breach missed before, said once",
    async () => {
      await using slack = await startFakeSlack();
      const now = Math.floor(Date.now() / 1000);
      await configure(slack, defaultSettings({ owner: OWNER }));
      // Answered at once, then 1d 2h in progress: the resolution target
      // (1 business day for normal priority) is missed.
      const ticket = await ticketOpened(slack, now, 5 * 24 * H, {
        assignee: PEOPLE.agent,
        status: "in_progress",
        first_response_at: now - 5 * 24 * H + 60,
      });
      const dmsBefore = slack.workspace.dmsTo(OWNER).length;
      clickAfterTheRunsRead(slack, ticket, { type: "wait" }, now);
      await run(slack, now);
      // The hold stops the clock where it is: a breach already missed stays
      // missed, and is said by the next run, on the ticket as it is then.
      const said = replies(slack, ticket).filter((r) => /missed/.test(r));
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.status, "waiting_on_requester");
      await run(slack, now + 60);
      const after = replies(slack, ticket).filter((r) => /missed/.test(r));
      assert.equal(after.length, 1, "said once, by whichever run");
      assert.ok(said.length <= 1);
      assert.equal(
        slack.workspace.dmsTo(OWNER).length - dmsBefore,
        1,
        "escalated once",
      );
    },
  );

  await t.step(
    "reassigned meanwhile: the breach names who has it now",
    async () => {
      await using slack = await startFakeSlack();
      const now = Math.floor(Date.now() / 1000);
      await configure(slack, defaultSettings({ owner: OWNER }));
      // Answered, then 5 days in progress: the resolution target is missed.
      const ticket = await ticketOpened(slack, now, 5 * 24 * H, {
        assignee: PEOPLE.agent,
        status: "in_progress",
        first_response_at: now - 5 * 24 * H + 60,
      });
      const dmsBefore = slack.workspace.dmsTo(OWNER).length;
      clickAfterTheRunsRead(slack, ticket, {
        type: "assign",
        assignee: PEOPLE.otherAgent,
        assigneeIsAgent: true,
      }, now);
      await run(slack, now);
      const [breach] = replies(slack, ticket).filter((r) => /missed/.test(r));
      assert.match(breach, new RegExp(`<@${PEOPLE.otherAgent}>`));
      assert.doesNotMatch(breach, new RegExp(`<@${PEOPLE.agent}>`));
      const [dm] = slack.workspace.dmsTo(OWNER).slice(dmsBefore);
      assert.match(dm.text, new RegExp(`assigned to <@${PEOPLE.otherAgent}>`));
    },
  );
});
