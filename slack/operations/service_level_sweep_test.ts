import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { sweepServiceLevels } from "./service_level_sweep.ts";
import { getSettings } from "../storage/settings_store.ts";
import { putTicket } from "../storage/ticket_store.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const H = 3600;
const OWNER = PEOPLE.admin;

/** A ticket opened `ago` seconds before `now`, with its deadlines. */
async function ticketOpened(
  slack: FakeSlack,
  now: number,
  ago: number,
  changes: Partial<Ticket> = {},
): Promise<Ticket> {
  const opened = await openTestTicket(slack, {
    created_at: now - ago,
    updated_at: now - ago,
    ...changes,
  });
  const settings = (await getSettings(clientFor(slack)))!;
  const ticket = withServiceLevels(
    opened,
    policyFromSettings(settings),
    now - ago,
  );
  await putTicket(clientFor(slack), ticket);
  slack.clearCalls();
  return ticket;
}

async function sweep(slack: FakeSlack, now: number, extra = {}) {
  const settings = (await getSettings(clientFor(slack)))!;
  return sweepServiceLevels(clientFor(slack), settings, now, {
    policy: policyFromSettings(settings),
    autoCloseDays: settings.auto_close_days ?? 7,
    ...extra,
  });
}

const replies = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).map((m) => m.text);

Deno.test("the SLA sweep", async (t) => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));

  await t.step(
    "warns the queue once at 80% of an unassigned ticket's target",
    async () => {
      // Normal priority: first response within 4h, so the warning is at 3h12m.
      const ticket = await ticketOpened(slack, now, 3.5 * H);
      const report = await sweep(slack, now);
      assert.deepEqual(
        { ...report, failures: report.failures.length },
        { examined: 1, notices: 1, autoClosed: 0, finished: true, failures: 0 },
      );
      const [warning] = replies(slack, ticket);
      assert.match(
        warning,
        /^:hourglass_flowing_sand: HD-\w+ needs a first response by <!date\^\d+\^/,
      );
      assert.match(warning, /It has no assignee yet\. <!subteam\^SAGENTS>$/);
      // The due ticket was found with one query, not one read per ticket.
      assert.equal(slack.callsTo("apps.datastore.query").length, 2); // SLA + auto-close
      // The only read is the test's own settings read.
      assert.equal(slack.callsTo("apps.datastore.get").length, 1);

      await sweep(slack, now + 60);
      assert.equal(replies(slack, ticket).length, 1, "sent once");
      assert.deepEqual((await storedTicket(slack, ticket.id)).sla_notices, [
        "first_response_warning",
      ]);
    },
  );

  await t.step(
    "at a breach, escalates to the owner in the thread and by DM",
    async () => {
      const ticket = await ticketOpened(slack, now, 5 * H, {
        assignee: PEOPLE.agent,
        status: "in_progress",
      });
      const before = slack.workspace.dmsTo(OWNER).length;
      await sweep(slack, now);
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
      await sweep(slack, now);
      assert.deepEqual(replies(slack, ticket), []);
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.resolution_due_at, undefined);
      assert.equal(stored.sla_next_check_at, undefined);
    },
  );

  await t.step(
    "new service levels apply to open tickets at the next sweep",
    async () => {
      const ticket = await ticketOpened(slack, now, 20 * 60);
      await sweep(slack, now);
      assert.deepEqual(replies(slack, ticket), [], "4h target: nothing yet");
      const settings = await getSettings(clientFor(slack));
      await configure(slack, {
        ...settings!,
        sla_targets: "normal 15m/1h",
        sla_updated_at: now,
      });
      await sweep(slack, now + 1);
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
      const report = await sweep(slack, now);
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
});

Deno.test("a sweep with more due than fits in a run leaves the rest to the next", async (t) => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: OWNER }));
  const tickets: Ticket[] = [];
  for (let i = 0; i < 6; i++) {
    tickets.push(await ticketOpened(slack, now, 3.5 * H));
  }

  await t.step("out of time after three tickets", async () => {
    let ms = 0;
    const report = await sweep(slack, now, {
      budgetMs: 4,
      clock: () => ms++, // each look at the clock is a millisecond later
    });
    assert.equal(report.finished, false);
    assert.equal(report.notices, 3);
  });

  await t.step(
    "rate limited after one more: stops, keeps what was sent",
    async () => {
      let posts = 0;
      slack.fail({
        method: "chat.postMessage",
        status: 429,
        retryAfterSeconds: 30,
        when: () => ++posts > 1,
      });
      slack.clearCalls();
      const report = await sweep(slack, now);
      assert.equal(report.finished, false);
      assert.equal(report.notices, 1);
    },
  );

  await t.step(
    "the next run finishes, and every ticket was warned exactly once",
    async () => {
      const report = await sweep(slack, now);
      assert.equal(report.finished, true);
      assert.equal(report.notices, 2);
      for (const ticket of tickets) {
        assert.equal(replies(slack, ticket).length, 1, ticket.key);
      }
    },
  );
});
