import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { isPurgeable } from "../../helpdesk/tickets/retention.ts";
import { utcDay } from "../../helpdesk/reports/report_rows.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { closedDay, personTickets } from "../../slack/storage/closed_index.ts";
import { readDays } from "../../slack/storage/report_store.ts";
import { purgeTicket } from "../changes/ticket_purge.ts";

const D = 86_400;
const now = Math.floor(Date.now() / 1000);

/** A ticket closed `ago` seconds before now, with a conversation. */
async function closedTicket(
  slack: FakeSlack,
  ago: number,
  changes: Partial<Ticket> = {},
): Promise<Ticket> {
  const ticket = await openTestTicket(slack, {
    status: "closed",
    created_at: now - ago - D,
    resolved_at: now - ago - 60,
    closed_at: now - ago,
    updated_at: now - ago,
    ...changes,
  });
  await talk(slack, ticket);
  slack.clearCalls();
  return ticket;
}

/** Helpdesk's reply and an agent's own message in the card's thread. */
async function talk(slack: FakeSlack, ticket: Ticket) {
  await slackCall(clientFor(slack), "chat.postMessage", {
    channel: ticket.card_channel,
    thread_ts: ticket.card_ts,
    text:
      `:outbox_tray: <@${PEOPLE.agent}> replied to the requester:\n> reboot it`,
  });
  slack.workspace.messages.push({
    channel: ticket.card_channel!,
    ts: slack.workspace.nextTs(),
    thread_ts: ticket.card_ts,
    text: "I rebooted it myself",
    user: PEOPLE.agent,
  });
}

const thread = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!);
const card = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.findMessage(t.card_channel!, t.card_ts!)!;

async function stored(slack: FakeSlack, datastore: string, id: string) {
  const item = await slack.datastores.get(datastore, id);
  return item && Object.keys(item).length ? item : undefined;
}

/** Runs until nothing is left to do (at most `runs`). */
async function runs(slack: FakeSlack, times: number, at = now) {
  const reports = [];
  for (let i = 0; i < times; i++) reports.push(await run(slack, at + i * 900));
  return reports;
}

Deno.test("retention purges closed tickets older than the period", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ retention_days: 60 }));

  await t.step("off by default: nothing is purged", async () => {
    await using quiet = await startFakeSlack();
    await configure(quiet);
    const old = await closedTicket(quiet, 400 * D);
    await runs(quiet, 2);
    assert.equal((await storedTicket(quiet, old.id)).id, old.id);
    assert.equal(thread(quiet, old)[0].text.startsWith(":outbox_tray:"), true);
  });

  const old = await closedTicket(slack, 90 * D);
  const recent = await closedTicket(slack, 20 * D);
  // Reopened after a close long ago: open again, never purged.
  const reopened = await closedTicket(slack, 90 * D, {
    status: "in_progress",
  });

  await t.step(
    "the old closed ticket is gone, its messages replaced",
    async () => {
      const reports = await runs(slack, 2);
      assert.equal(reports.reduce((n, r) => n + r.purged, 0), 1);
      assert.equal(await stored(slack, "tickets", old.id), undefined);
      assert.equal(await stored(slack, "ticket_work", old.id), undefined);
      assert.equal(
        await stored(slack, "ticket_lookup", `key:${old.key}`),
        undefined,
      );
      assert.equal(
        await stored(
          slack,
          "ticket_lookup",
          `card:${old.card_channel}:${old.card_ts}`,
        ),
        undefined,
      );
      const [helpdesks, agents] = thread(slack, old);
      assert.equal(helpdesks.text, "removed after 60 days");
      assert.deepEqual(helpdesks.blocks ?? [], []);
      assert.equal(agents.text, "I rebooted it myself", "a person's own stays");
      assert.equal(
        card(slack, old).text,
        `:wastebasket: ${old.key}: removed after 60 days. 1 reply in this thread was posted by people, not Helpdesk, and stays: Helpdesk can't edit them.`,
      );
    },
  );

  await t.step("its report figures stay, with no personal text", async () => {
    const day = await stored(slack, "report_days", utcDay(old.created_at));
    const rows = (day?.rows ?? []) as string[];
    // Figures older than a report reaches are not filed at all; a purged
    // ticket's filed ones keep no words (see the next test). A kept
    // ticket's rows name it, summary included, for the export.
    for (const row of rows.filter((r) => r.includes(old.id))) {
      assert.doesNotMatch(row, /Printer|paper|reboot/);
    }
  });

  await t.step("a recent close and a reopened ticket are kept", async () => {
    assert.equal((await storedTicket(slack, recent.id)).status, "closed");
    assert.equal(
      (await storedTicket(slack, reopened.id)).status,
      "in_progress",
    );
    assert.match(thread(slack, recent)[0].text, /reboot it/);
    assert.match(thread(slack, reopened)[0].text, /reboot it/);
  });

  await t.step("the index forgets it, so later runs cost nothing", async () => {
    const person = await stored(
      slack,
      "ticket_lookup",
      personTickets(PEOPLE.requester),
    );
    assert.equal(
      ((person?.postings ?? []) as string[]).includes(old.id),
      false,
    );
    assert.equal(
      await stored(slack, "ticket_lookup", closedDay(utcDay(old.closed_at!))),
      undefined,
    );
    slack.clearCalls();
    await run(slack, now + 3 * 900);
    assert.equal(slack.callsTo("chat.update").length, 0);
  });
});

Deno.test("a purged ticket's report rows keep its figures and key, not its words", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const words = "Toner leaks on floor 3";
  // Closed 61 days ago: within the 90 days whose figures are filed.
  const old = await closedTicket(slack, 61 * D, {
    summary: words,
    first_response_at: now - 62 * D + 600,
  });
  const days = [utcDay(old.created_at), utcDay(old.resolved_at!)];
  const rowsOf = async () =>
    [...(await readDays(clientFor(slack), days)).values()].flat()
      .filter((row) => row.id === old.id);
  await run(slack, now);
  const filed = await rowsOf();

  await t.step("filed with its key and summary while it is kept", () => {
    assert.equal(filed.length, 2, "one row on each of its days");
    for (const row of filed) {
      assert.equal(row.key, old.key);
      assert.equal(row.summary, words);
    }
  });

  await t.step(
    "a purge stopped at its rows takes them up again, words gone",
    async () => {
      await configure(slack, defaultSettings({ retention_days: 60 }));
      slack.fail({
        method: "apps.datastore.bulkPut",
        error: "internal_error",
        when: (args) => args.datastore === "report_days",
      });
      await run(slack, now + 900).catch(() => undefined);
      // Not finished: the ticket is still there, to be purged again.
      assert.equal((await storedTicket(slack, old.id)).id, old.id);
      await runs(slack, 2, now + 2 * 900);
      assert.equal(await stored(slack, "tickets", old.id), undefined);
      const kept = await rowsOf();
      assert.equal(kept.length, 2);
      for (const [i, row] of kept.entries()) {
        assert.equal(row.summary, undefined);
        const { summary: _words, ...figures } = filed[i];
        assert.deepEqual(row, figures, "its figures and key stay");
      }
      const items = await Promise.all(
        days.map((day) => stored(slack, "report_days", day)),
      );
      assert.doesNotMatch(JSON.stringify(items), /Toner/);
    },
  );
});

Deno.test("a ticket reopened after it was read is not purged", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ retention_days: 60 }));
  const seen = await closedTicket(slack, 90 * D);
  // Reopened by someone between the run's read and its lock.
  await putTicket(clientFor(slack), {
    ...seen,
    status: "in_progress",
    closed_at: undefined,
  });
  const outcome = await purgeTicket(
    clientFor(slack),
    seen,
    { kind: "retention", days: 60 },
    (latest) => isPurgeable(latest, 60, now),
  );
  assert.deepEqual(outcome, { kind: "not_due" });
  assert.equal((await storedTicket(slack, seen.id)).status, "in_progress");
  assert.match(thread(slack, seen)[0].text, /reboot it/);
  assert.equal(slack.callsTo("chat.update").length, 0);
});

Deno.test("a purge that fails midway is finished by the next run, once", async (t) => {
  for (
    const method of [
      "conversations.replies",
      "chat.update",
      "apps.datastore.bulkGet",
      "apps.datastore.bulkPut",
      "apps.datastore.bulkDelete",
      "apps.datastore.delete",
    ]
  ) {
    await t.step(`failing ${method}`, async () => {
      await using slack = await startFakeSlack();
      await configure(slack, defaultSettings({ retention_days: 60 }));
      const old = await closedTicket(slack, 90 * D);
      // Every call of the method fails from the first purge call on: the
      // run stops there, whatever it had done.
      slack.fail({
        method,
        error: "internal_error",
        times: 1,
        when: () => true,
      });
      await run(slack, now).catch(() => undefined);
      slack.clearFailures();
      await runs(slack, 2, now + 900);
      assert.equal(await stored(slack, "tickets", old.id), undefined);
      assert.equal(
        await stored(slack, "ticket_lookup", `key:${old.key}`),
        undefined,
      );
      const [helpdesks, agents] = thread(slack, old);
      assert.equal(helpdesks.text, "removed after 60 days");
      assert.equal(agents.text, "I rebooted it myself");
      // Replaced once: a retry skips what is replaced already.
      const edits = slack.callsTo("chat.update").filter((c) =>
        c.args.ts === helpdesks.ts && c.response.ok === true
      );
      assert.ok(edits.length <= 1, `${edits.length} edits of one message`);
      assert.match(card(slack, old).text, /^:wastebasket: /);
    });
  }
});

Deno.test("a purged card shows no hostile text", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ retention_days: 60 }));
  const hostile = HOSTILE_TEXT.join(" ");
  const old = await closedTicket(slack, 90 * D, {
    summary: hostile,
    description: hostile,
  });
  await runs(slack, 2);
  const shown = card(slack, old);
  assert.equal(
    shown.text,
    `:wastebasket: ${old.key}: removed after 60 days. 1 reply in this thread was posted by people, not Helpdesk, and stays: Helpdesk can't edit them.`,
  );
  assert.deepEqual(shown.blocks ?? [], []);
});

Deno.test("closed tickets join the index as they leave the open work", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ retention_days: 365 }));
  const day = (t: Ticket) => closedDay(utcDay(t.closed_at!));
  const listed = async (lookup: string) =>
    ((await stored(slack, "ticket_lookup", lookup))?.postings ??
      []) as string[];

  await t.step("through the run's settling, by day and by person", async () => {
    // Nothing left to do for it (no SLA check due): it leaves the work.
    const left = await closedTicket(slack, 40 * D, {
      reporter: PEOPLE.agent,
      sla_next_check_at: undefined,
      response_due_at: undefined,
      resolution_due_at: undefined,
    });
    const recent = await closedTicket(slack, 5 * D);
    await runs(slack, 4);
    assert.equal(await stored(slack, "ticket_work", left.id), undefined);
    assert.deepEqual(await listed(day(left)), [left.id]);
    assert.ok(
      (await listed(personTickets(PEOPLE.requester))).includes(left.id),
    );
    assert.ok((await listed(personTickets(PEOPLE.agent))).includes(left.id));
    // Still in My tickets' recent days: still in the open work, not yet here.
    assert.ok(await stored(slack, "ticket_work", recent.id));
    assert.equal((await listed(day(recent))).includes(recent.id), false);
    // Not due under a year's retention: kept.
    assert.equal((await storedTicket(slack, left.id)).id, left.id);
  });

  await t.step(
    "an install's older tickets through the catch-up walk",
    async () => {
      await using older = await startFakeSlack();
      await configure(older, defaultSettings({ retention_days: 365 }));
      // Closed and settled before this version: no entry, not in the index.
      const old = await closedTicket(older, 500 * D);
      await older.datastores.delete("ticket_work", old.id);
      await runs(older, 1);
      assert.deepEqual(
        (((await older.datastores.get("ticket_lookup", day(old)))?.postings) ??
          []) as string[],
        [],
        "purged in the run that found it",
      );
      assert.equal(await stored(older, "tickets", old.id), undefined);
    },
  );
});
