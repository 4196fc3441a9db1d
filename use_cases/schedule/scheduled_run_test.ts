import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run, ticketOpened } from "../../dev/testing/scheduled_checks.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import {
  putTicket,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { changeTicket } from "../changes/change_ticket.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";

const H = 3600;
const D = 24 * H;
const OWNER = PEOPLE.admin;

const replies = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).map((m) => m.text);

/** Opened 40 days ago, closed longer ago than My tickets shows closed tickets. */
const closedLongAgo = (slack: FakeSlack, now: number) =>
  ticketOpened(slack, now, 40 * D, {
    status: "closed",
    first_response_at: now - 40 * D + H,
    closed_at: now - 31 * D,
  });

/** A ticket closed long ago whose first run filed it and removed its entry. */
async function closedAndFiled(slack: FakeSlack, now: number) {
  const closed = await closedLongAgo(slack, now);
  await run(slack, now);
  assert.deepEqual(await slack.datastores.get("ticket_work", closed.id), {});
  return closed;
}

Deno.test("the scheduled SLA check", async (t) => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));

  await t.step(
    "warns the queue once at 80% of an unassigned ticket's target",
    async () => {
      // Normal priority: first response within 4h, so the warning is at 3h12m.
      const ticket = await ticketOpened(slack, now, 3.5 * H);
      const report = await run(slack, now);
      assert.deepEqual(
        {
          examined: report.examined,
          notices: report.notices,
          autoClosed: report.autoClosed,
          finished: report.finished,
          failures: report.failures.length,
        },
        { examined: 1, notices: 1, autoClosed: 0, finished: true, failures: 0 },
      );
      const [warning] = replies(slack, ticket);
      assert.match(
        warning,
        /^:hourglass_flowing_sand: HD-\w+ needs a first response by <!date\^\d+\^/,
      );
      // The default queue's members: its user group and its people.
      assert.match(
        warning,
        /It has no assignee yet\. <!subteam\^SAGENTS> <@UAGENTONE> <@UAGENTTWO>$/,
      );
      // Found in the open work index: no query filters the tickets table,
      // which is read only a page at a time, by the walk and by the
      // closed-tickets index's catch-up (use_cases/schedule/retention.ts).
      const ticketQueries = slack.callsTo("apps.datastore.query").filter((c) =>
        c.args.datastore === "tickets"
      );
      assert.equal(ticketQueries.length, 2);
      assert.deepEqual(ticketQueries.map((q) => q.args.expression), [
        undefined,
        undefined,
      ]);

      await run(slack, now + 60);
      assert.equal(replies(slack, ticket).length, 1, "sent once");
      assert.deepEqual((await storedTicket(slack, ticket.id)).sla_notices, [
        "first_response_warning",
      ]);
    },
  );

  await t.step(
    "at a breach, escalates to the queue's owner in the thread and by DM",
    async () => {
      const ticket = await ticketOpened(slack, now, 5 * H, {
        assignee: PEOPLE.agent,
        status: "in_progress",
      });
      const before = slack.workspace.dmsTo(OWNER).length;
      await run(slack, now);
      const [breach] = replies(slack, ticket);
      assert.match(
        breach,
        /^:rotating_light: HD-\w+ missed its first-response target \(due <!date/,
      );
      assert.match(breach, /Escalated to <@UADMIN>\. <@UAGENTONE>$/);
      assert.equal(
        replies(slack, ticket).length,
        1,
        "no warning after its breach",
      );
      const dms = slack.workspace.dmsTo(OWNER).slice(before);
      assert.equal(dms.length, 1);
      assert.match(
        dms[0].text,
        /“Printer on 3rd floor jams” missed its first-response target/,
      );
      assert.match(dms[0].text, /assigned to <@UAGENTONE>/);
      assert.match(dms[0].text, /because you own the Helpdesk queue/);
      const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
      assert.match(JSON.stringify(card.blocks), /First response overdue since/);
    },
  );

  await t.step(
    "a ticket waiting on the requester gets no warnings",
    async () => {
      const ticket = await ticketOpened(slack, now, 10 * H, {
        status: "waiting_on_requester",
        first_response_at: now - 10 * H + 60,
        holds: [{ start: now - 10 * H + 120 }],
      });
      await run(slack, now);
      assert.deepEqual(replies(slack, ticket), []);
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.resolution_due_at, undefined);
      assert.equal(stored.sla_next_check_at, undefined);
    },
  );

  await t.step(
    "new service levels apply to open tickets at the next run",
    async () => {
      const ticket = await ticketOpened(slack, now, 20 * 60);
      await run(slack, now);
      assert.deepEqual(replies(slack, ticket), [], "4h target: nothing yet");
      const settings = await getSettings(clientFor(slack));
      await configure(slack, {
        ...settings!,
        sla_targets: "normal 15m/1h",
        sla_updated_at: now,
      });
      await run(slack, now + 1);
      assert.match(
        replies(slack, ticket)[0],
        /missed its first-response target/,
      );
    },
  );

  await t.step(
    "closes tickets resolved longer ago than the setting",
    async () => {
      const old = await ticketOpened(slack, now, 10 * 24 * H, {
        status: "resolved",
        first_response_at: now - 10 * 24 * H + 60,
        resolved_at: now - 8 * 24 * H,
      });
      const recent = await ticketOpened(slack, now, 3 * 24 * H, {
        status: "resolved",
        first_response_at: now - 3 * 24 * H + 60,
        resolved_at: now - 2 * 24 * H,
      });
      const report = await run(slack, now);
      assert.equal(report.autoClosed, 1);
      assert.equal((await storedTicket(slack, old.id)).status, "closed");
      assert.equal((await storedTicket(slack, recent.id)).status, "resolved");
      assert.match(
        replies(slack, old).at(-1)!,
        /closed automatically, 7 days after it was resolved/,
      );
      assert.match(
        slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
        /is closed\. \(Helpdesk set it to Closed automatically\.\)/,
      );
    },
  );

  await t.step(
    "a closed ticket leaves the open work index once its figures are filed",
    async () => {
      const closed = await closedLongAgo(slack, now);
      assert.ok(await slack.datastores.get("ticket_work", closed.id));
      const first = await run(slack, now);
      assert.ok(first.filed >= 1 && first.removed >= 1, JSON.stringify(first));
      assert.deepEqual(
        await slack.datastores.get("ticket_work", closed.id),
        {},
      );
      const day = new Date(closed.created_at * 1000).toISOString().slice(0, 10);
      const filed = await slack.datastores.get("report_days", day);
      assert.ok(
        (filed.rows as string[]).some((row) => row.includes(closed.id)),
        "its figures are filed under the day it was opened",
      );
    },
  );
});

Deno.test("a run with more due than it may post leaves the rest to the next", async (t) => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));
  const tickets: Ticket[] = [];
  for (let i = 0; i < 6; i++) {
    tickets.push(await ticketOpened(slack, now, 3.5 * H));
  }

  await t.step(
    "rate limited after one post: stops, keeps what was sent",
    async () => {
      let posts = 0;
      slack.fail({
        method: "chat.postMessage",
        status: 429,
        retryAfterSeconds: 30,
        times: Infinity,
        when: () => ++posts > 1,
      });
      const report = await run(slack, now);
      assert.equal(report.finished, false);
      assert.equal(report.notices, 1);
    },
  );

  await t.step(
    "the next run finishes, and every ticket was warned exactly once",
    async () => {
      slack.clearFailures();
      const report = await run(slack, now);
      assert.equal(report.finished, true);
      assert.equal(report.notices, 5);
      for (const ticket of tickets) {
        assert.equal(replies(slack, ticket).length, 1, ticket.key);
      }
    },
  );
});

Deno.test("a ticket changed while its finished entry is being removed keeps an entry", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));
  // The first run files it and removes its entry.
  const closed = await closedAndFiled(slack, now);
  // Rated: the entry is back, waiting for its figures to be filed.
  await putTicket(clientFor(slack), {
    ...await storedTicket(slack, closed.id),
    rating: 5,
    rated_at: now,
  });
  // The next run reads the ticket to confirm nothing is left to do; just
  // then (before it removes the entry) the requester changes the rating.
  let raced = false;
  slack.onCall((call) => {
    if (
      raced || call.method !== "apps.datastore.bulkGet" ||
      call.args.datastore !== "tickets"
    ) return;
    raced = true;
    const ticket = call.response.items as Record<string, unknown>[];
    const item = { ...ticket[0], rating: 1, rev: "zzzzzzzzz.race" };
    // Straight into the tables, as a concurrent run's two writes would land.
    slack.datastores.put("tickets", item as never);
    slack.datastores.put("ticket_work", {
      id: closed.id,
      rev: "zzzzzzzzz.race",
      status: "closed",
      priority: "normal",
      created_at: closed.created_at,
      report_days: closed.report_days!,
    });
  });
  const report = await run(slack, now + 60);
  assert.ok(raced);
  assert.equal(report.removed, 1, "it was removed as finished");
  const entry = await slack.datastores.get("ticket_work", closed.id);
  assert.equal(entry.rev, "zzzzzzzzz.race", "and put back for the new rating");
  assert.notEqual(entry.rolled_rev, "zzzzzzzzz.race", "still to be filed");
});

Deno.test("a partial update to a ticket no longer indexed leaves an entry the next run settles", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));
  const closed = await closedAndFiled(slack, now);
  // JSM reports back on the closed ticket: a partial update, whose entry
  // comes back with just the fields it changed.
  await updateTicketFields(clientFor(slack), closed.id, {
    jsm_status: "Closed",
    jsm_sync: "synced",
  });
  const partial = await slack.datastores.get("ticket_work", closed.id);
  assert.equal(partial.jsm_sync, "synced");
  assert.equal(partial.status, undefined, "incomplete");
  const report = await run(slack, now + 60);
  assert.equal(report.removed, 1);
  assert.deepEqual(await slack.datastores.get("ticket_work", closed.id), {});
});

Deno.test("auto-close and repairs run on the ticket as it is, under its lock", async (t) => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));

  await t.step(
    "a ticket reopened after the run read it is not closed",
    async () => {
      const resolved = await ticketOpened(slack, now, 10 * 24 * H, {
        status: "resolved",
        first_response_at: now - 10 * 24 * H + 60,
        resolved_at: now - 8 * 24 * H,
      });
      let reopened = false;
      slack.onCall((call) => {
        if (
          reopened || call.method !== "apps.datastore.bulkGet" ||
          call.args.datastore !== "tickets"
        ) return;
        reopened = true;
        // The requester reopens it just after the run read it.
        const item = (call.response.items as Record<string, unknown>[])
          .find((i) => i.id === resolved.id)!;
        const { resolved_at: _r, ...rest } = item;
        slack.datastores.put(
          "tickets",
          { ...rest, status: "in_progress" } as never,
        );
      });
      const report = await run(slack, now);
      assert.ok(reopened);
      assert.equal(report.autoClosed, 0);
      assert.equal(
        (await storedTicket(slack, resolved.id)).status,
        "in_progress",
      );
      assert.equal(
        replies(slack, resolved).filter((r) => /closed automatically/.test(r))
          .length,
        0,
      );
    },
  );

  await t.step(
    "a card whose redraw failed is redrawn by the next run",
    async () => {
      const ticket = await ticketOpened(slack, now, 60, {
        status: "in_progress",
        assignee: PEOPLE.agent,
      });
      await updateTicketFields(clientFor(slack), ticket.id, {
        card_redraw_due: true,
      });
      slack.clearCalls();
      const report = await run(slack, now);
      assert.equal(report.repaired, 1);
      assert.equal(slack.callsTo("chat.update").length, 1);
      assert.equal(
        (await storedTicket(slack, ticket.id)).card_redraw_due,
        undefined,
      );
      // Found in the open work index: no query filters the tickets.
      assert.ok(
        slack.callsTo("apps.datastore.query")
          .filter((c) => c.args.datastore === "tickets")
          .every((c) => !c.args.expression),
      );
    },
  );
});

Deno.test("a click saved while the run records its notices is kept, and the card agrees", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));
  const due = await ticketOpened(slack, now, 3.5 * H); // a warning is due
  // Between the run's last read of the ticket and its write of the notice,
  // an agent claims the ticket (its lock, its save, its card and thread).
  let claimed = false;
  slack.beforeAnswer(async (method, args) => {
    const item = args.item as { sla_notices?: unknown } | undefined;
    const recording = args.datastore === "tickets" &&
      (method === "apps.datastore.bulkPut" ||
        (method === "apps.datastore.update" && item?.sla_notices));
    if (!recording || claimed) return;
    claimed = true;
    const done = await changeTicket(
      clientFor(slack),
      due.id,
      { type: "claim" },
      PEOPLE.agent,
      now,
    );
    assert.ok(done.ok);
  });
  const report = await run(slack, now);
  assert.ok(claimed);
  assert.equal(report.notices, 1);
  const saved = await storedTicket(slack, due.id);
  // Both kept: the claim (status and assignee) and the notice.
  assert.equal(saved.assignee, PEOPLE.agent);
  assert.equal(saved.status, "in_progress");
  assert.deepEqual(saved.sla_notices, ["first_response_warning"]);
  const card = slack.workspace.findMessage(due.card_channel!, due.card_ts!)!;
  assert.equal(card.text, ticketCardText(saved));
});
