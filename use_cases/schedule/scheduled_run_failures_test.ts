// A scheduled run failing at any one of its Slack calls, then the next run:
// no notice is lost (and one is repeated only when the failure kept the run
// from recording it), the due ticket closes once, the open work index ends
// up matching the tickets, and reports still equal the exact computation.
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
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { reportFor, reportFromEveryTicket } from "../reports/ticket_report.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { hasWorkLeft } from "../../helpdesk/tickets/open_work.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const H = 3600;
const D = 86_400;

interface Scene {
  due: Ticket[];
  resolved: Ticket;
  rated: Ticket;
}

async function scene(slack: FakeSlack, now: number): Promise<Scene> {
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const due: Ticket[] = [];
  for (let i = 0; i < 3; i++) due.push(await ticketOpened(slack, now, 3.5 * H));
  // A breach, for the owner's DM and the card's redraw.
  due.push(
    await ticketOpened(slack, now, 5 * H, {
      assignee: PEOPLE.agent,
      status: "in_progress",
    }),
  );
  const resolved = await ticketOpened(slack, now, 10 * D, {
    status: "resolved",
    first_response_at: now - 10 * D + 60,
    resolved_at: now - 8 * D,
  });
  // Closed longer ago than My tickets shows closed tickets.
  const closed = await ticketOpened(slack, now, 40 * D, {
    status: "closed",
    first_response_at: now - 40 * D + 60,
    closed_at: now - 31 * D,
  });
  // A first run indexes the install; then the closed one is rated, so the
  // runs under test have figures to file and an entry to remove.
  await run(slack, now - 3 * H);
  await putTicket(clientFor(slack), {
    ...await storedTicket(slack, closed.id),
    rating: 4,
    rated_at: now - H,
  });
  slack.clearCalls();
  return { due, resolved, rated: closed };
}

const warnings = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).filter((m) =>
    /needs a first response|missed its first-response target/.test(m.text)
  ).length;

const closings = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).filter((m) =>
    /closed automatically/.test(m.text)
  ).length;

Deno.test("a run failing at any one Slack call loses nothing the next run can't finish", async (t) => {
  const now = Math.floor(Date.now() / 1000);
  // How many calls a run makes when nothing fails.
  let calls: number;
  {
    await using slack = await startFakeSlack();
    await scene(slack, now);
    await run(slack, now);
    calls = slack.calls.length;
  }
  assert.ok(calls > 15, `${calls} calls`);
  let repeated = 0;
  for (let k = 1; k <= calls; k++) {
    await t.step(`failure at call ${k} of ${calls}`, async () => {
      await using slack = await startFakeSlack();
      const { due, resolved, rated } = await scene(slack, now);
      let n = 0;
      let failed = "";
      slack.fail({
        method: "*",
        error: "internal_error",
        when: (args, method) => {
          if (++n !== k) return false;
          failed = `${method} ${args.datastore ?? args.channel ?? ""}`;
          return true;
        },
      });
      await run(slack, now).catch(() => {}); // a failed run just ends
      slack.clearFailures();
      await run(slack, now + 60);
      await run(slack, now + 120);

      for (const ticket of due) {
        const sent = warnings(slack, ticket);
        assert.ok(sent >= 1, `${ticket.key}: notice lost (${failed})`);
        // Posted, then the run failed before recording it: said again.
        if (sent > 1) {
          repeated++;
          assert.match(failed, /apps\.datastore\.(bulkGet|update) tickets/);
        }
      }
      assert.equal((await storedTicket(slack, resolved.id)).status, "closed");
      assert.ok(closings(slack, resolved) <= 1, `closed twice (${failed})`);

      // The index matches the tickets, and reports the exact computation.
      const { tickets, ticket_work } = await slack.datastores.dump();
      const entries = new Map(ticket_work.map((e) => [String(e.id), e]));
      for (const item of tickets) {
        const ticket = await storedTicket(slack, String(item.id));
        const entry = entries.get(ticket.id);
        if (hasWorkLeft(ticket, now + 120)) {
          assert.equal(entry?.rev, item.rev, `${ticket.key} (${failed})`);
        }
      }
      assert.equal(entries.has(rated.id), false, `finished (${failed})`);
      for (const days of [1, 7]) {
        const period = lastDays(now + 120, days);
        assert.deepEqual(
          await reportFor(clientFor(slack), period, now + 120),
          await reportFromEveryTicket(clientFor(slack), period, now + 120),
          failed,
        );
      }
    });
  }
  console.log(`${calls} failure points, ${repeated} notices said twice`);
});
