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
import { ERASED_MESSAGE } from "../../helpdesk/tickets/erasure.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { getErasure } from "../../slack/storage/erasure_store.ts";
import { readDays } from "../../slack/storage/report_store.ts";
import { countedDays } from "../../helpdesk/reports/report_rows.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import {
  chooseErasedPerson,
  requestErasure,
} from "../settings/erasure_request.ts";
import { ERASED_PER_RUN } from "./erasure.ts";

const D = 86_400;
const now = Math.floor(Date.now() / 1000);
const R = PEOPLE.requester;
const B = PEOPLE.bystander;
const VIEWS = { pick: "pick", confirm: "confirm" };

async function post(slack: FakeSlack, t: Ticket, text: string) {
  await slackCall(clientFor(slack), "chat.postMessage", {
    channel: t.card_channel,
    thread_ts: t.card_ts,
    text,
  });
}

/** A person's own message in the card's thread (Helpdesk can't edit it). */
function own(slack: FakeSlack, t: Ticket, user: string, text: string) {
  slack.workspace.messages.push({
    channel: t.card_channel!,
    ts: slack.workspace.nextTs(),
    thread_ts: t.card_ts,
    text,
    user,
  });
}

const texts = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).map((m) => m.text);
const cardText = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.findMessage(t.card_channel!, t.card_ts!)!.text;

async function exists(slack: FakeSlack, id: string) {
  const item = await slack.datastores.get("tickets", id);
  return !!item && Object.keys(item).length > 0;
}

/** The tickets of the story: R's own, one R wrote in, one not theirs. */
async function story(slack: FakeSlack, summary = "Printer on 3rd floor jams") {
  const open = await openTestTicket(slack, {
    summary,
    status: "in_progress",
    assignee: PEOPLE.agent,
  });
  await post(slack, open, `:inbox_tray: <@${R}> wrote:\n> still jammed`);
  const old = await openTestTicket(slack, {
    summary,
    status: "closed",
    created_at: now - 61 * D,
    resolved_at: now - 60 * D,
    closed_at: now - 60 * D,
    updated_at: now - 60 * D,
  });
  const wroteIn = await openTestTicket(slack, {
    requester: B,
    reporter: R,
    writers: [PEOPLE.otherAgent],
    status: "closed",
    closed_at: now - 50 * D,
    updated_at: now - 50 * D,
  });
  await post(slack, wroteIn, `:inbox_tray: <@${R}> wrote:\n> me too`);
  await post(slack, wroteIn, `:inbox_tray: <@${B}> wrote:\n> thanks`);
  await post(slack, wroteIn, ":white_check_mark: Resolved.");
  own(slack, wroteIn, R, "my own words");
  const notTheirs = await openTestTicket(slack, {
    requester: B,
    status: "closed",
    closed_at: now - 50 * D,
    updated_at: now - 50 * D,
  });
  await post(slack, notTheirs, `:inbox_tray: <@${B}> wrote:\n> hello`);
  slack.clearCalls();
  return { open, old, wroteIn, notTheirs };
}

async function untilDone(slack: FakeSlack, from = now, runs = 12) {
  for (let i = 0; i < runs; i++) {
    await run(slack, from + i * 900);
    if ((await getErasure(clientFor(slack), R))?.stage === "done") return i + 1;
  }
  throw new Error(`the erasure was not done in ${runs} runs`);
}

const receipts = (slack: FakeSlack) =>
  slack.workspace.dmsTo(PEOPLE.admin).filter((m) =>
    m.text.includes("erasure of")
  );

Deno.test("erasing a person, as Helpdesk's admins ask", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const tickets = await story(slack);
  const client = clientFor(slack);

  await t.step("only Helpdesk's admins may ask", async () => {
    for (const asker of [PEOPLE.agent, R]) {
      const no = await requestErasure(client, asker, R, now);
      assert.equal(no.ok, false);
      if (!no.ok) assert.match(no.refusal!, /Only Helpdesk's admins/);
      const pick = await chooseErasedPerson(client, asker, R, VIEWS);
      assert.equal(pick.ok, false);
    }
    assert.equal(await getErasure(client, R), undefined);
  });

  await t.step("the confirmation names the person chosen", async () => {
    const pick = await chooseErasedPerson(client, PEOPLE.admin, R, VIEWS);
    assert.equal(pick.ok, true);
    if (pick.ok) {
      assert.equal(pick.view.private_metadata, JSON.stringify({ person: R }));
      assert.match(JSON.stringify(pick.view.blocks), new RegExp(`<@${R}>`));
    }
    const bot = await chooseErasedPerson(
      client,
      PEOPLE.admin,
      "UHELPDESKBOT",
      VIEWS,
    );
    assert.equal(bot.ok, false);
  });

  /** Each ticket's filed report rows, on the days it counts in. */
  const rowsOf = async (ticket: Ticket) => {
    const days = countedDays(ticket);
    return [...(await readDays(client, days)).values()].flat()
      .filter((row) => row.id === ticket.id);
  };

  await t.step("their tickets' report rows name them at first", async () => {
    await run(slack, now - 900);
    for (const mine of [tickets.open, tickets.old]) {
      const rows = await rowsOf(mine);
      assert.ok(rows.length > 0, mine.key);
      assert.ok(rows.every((row) => row.summary === mine.summary), mine.key);
    }
  });

  await t.step("asked, it is done by the scheduled runs", async () => {
    const asked = await requestErasure(client, PEOPLE.admin, R, now);
    assert.deepEqual(asked, { ok: true, person: R, already: false });
    const again = await requestErasure(client, PEOPLE.admin, R, now);
    assert.deepEqual(again, { ok: true, person: R, already: true });
    await untilDone(slack);
  });

  await t.step("the tickets they opened are gone, open ones too", async () => {
    for (const mine of [tickets.open, tickets.old]) {
      assert.equal(await exists(slack, mine.id), false, mine.key);
      assert.equal(
        cardText(slack, mine),
        `:wastebasket: ${mine.key}: removed at the request of the person who wrote it.`,
      );
    }
    assert.deepEqual(texts(slack, tickets.open), [
      "removed at the request of the person who wrote it",
    ]);
  });

  await t.step(
    "their tickets' report figures stay, without their words",
    async () => {
      for (const mine of [tickets.open, tickets.old]) {
        const rows = await rowsOf(mine);
        assert.ok(rows.length > 0, `${mine.key}: its figures stay`);
        for (const row of rows) {
          assert.equal(row.key, mine.key);
          assert.equal(row.summary, undefined, mine.key);
        }
      }
      // Someone else's words are theirs to keep.
      const theirs = await rowsOf(tickets.notTheirs);
      assert.ok(theirs.length > 0);
      assert.ok(
        theirs.every((row) => row.summary === tickets.notTheirs.summary),
      );
    },
  );

  await t.step("where they wrote, only their name and words go", async () => {
    const kept = await storedTicket(slack, tickets.wroteIn.id);
    assert.equal(kept.requester, B);
    assert.equal(kept.reporter, undefined);
    assert.deepEqual(kept.writers, [PEOPLE.otherAgent]);
    assert.deepEqual(texts(slack, tickets.wroteIn), [
      ERASED_MESSAGE,
      `:inbox_tray: <@${B}> wrote:\n> thanks`,
      ":white_check_mark: Resolved.",
      "my own words",
    ]);
  });

  await t.step("someone else's ticket is untouched", async () => {
    const theirs = await storedTicket(slack, tickets.notTheirs.id);
    assert.equal(theirs.requester, B);
    assert.deepEqual(texts(slack, tickets.notTheirs), [
      `:inbox_tray: <@${B}> wrote:\n> hello`,
    ]);
    assert.doesNotMatch(cardText(slack, tickets.notTheirs), /removed/);
  });

  await t.step("the admin gets one receipt, with keys and counts", async () => {
    const [receipt, ...more] = receipts(slack);
    assert.equal(more.length, 0);
    assert.match(receipt.text, /Tickets they opened, removed: 2: /);
    assert.match(receipt.text, new RegExp(tickets.open.key));
    assert.match(receipt.text, new RegExp(tickets.old.key));
    assert.match(
      receipt.text,
      new RegExp(`cleaned: 1: ${tickets.wroteIn.key}`),
    );
    assert.match(receipt.text, /delete: 1$/m);
    // What it could not reach is said, not left to be assumed erased.
    assert.match(receipt.text, /Not changed: direct messages .* Jira/);
    assert.doesNotMatch(receipt.text, /Printer|jammed|me too/);
    slack.clearCalls();
    await run(slack, now + 20 * 900);
    assert.equal(receipts(slack).length, 1, "not sent again");
    assert.equal(slack.callsTo("chat.update").length, 0);
  });
});

Deno.test("an erasure stopped midway is finished by the next runs, once", async (t) => {
  for (
    const method of [
      "conversations.replies",
      "chat.update",
      "apps.datastore.update",
      "apps.datastore.bulkDelete",
      "apps.datastore.put",
      "chat.postMessage",
    ]
  ) {
    for (const nth of Deno.env.get("ONE") ? [0] : [0, 2]) {
      await t.step(`the ${nth}th ${method} fails`, async () => {
        await using slack = await startFakeSlack();
        await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
        const tickets = await story(slack);
        await requestErasure(clientFor(slack), PEOPLE.admin, R, now);
        let seen = 0;
        slack.fail({
          method,
          error: "internal_error",
          when: () => seen++ === nth,
        });
        await run(slack, now).catch(() => undefined);
        slack.clearFailures();
        await untilDone(slack, now + 900);
        assert.equal(await exists(slack, tickets.open.id), false);
        assert.equal(await exists(slack, tickets.old.id), false);
        assert.equal(
          (await storedTicket(slack, tickets.wroteIn.id)).reporter,
          undefined,
        );
        assert.equal(texts(slack, tickets.wroteIn)[0], ERASED_MESSAGE);
        assert.equal(texts(slack, tickets.notTheirs).length, 1);
        const all = receipts(slack);
        assert.equal(all.length, 1);
        // Counted once each, whatever was redone.
        assert.match(all[0].text, /removed: 2: /);
        assert.match(all[0].text, /cleaned: 1: /);
      });
    }
  }
});

Deno.test("hostile text never reaches the receipt or a replaced message", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const hostile = HOSTILE_TEXT.join(" ");
  const tickets = await story(slack, hostile);
  await requestErasure(clientFor(slack), PEOPLE.admin, R, now);
  await untilDone(slack);
  const [receipt] = receipts(slack);
  for (const typed of HOSTILE_TEXT) {
    assert.equal(receipt.text.includes(typed), false, typed);
  }
  assert.doesNotMatch(cardText(slack, tickets.open), /<!|<@U123/);
});

Deno.test("a ticket opened or written in while the erasure runs is erased too", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const client = clientFor(slack);
  // More of R's tickets than one run erases, so the erasure spans runs.
  const open: Ticket[] = [];
  for (let i = 0; i < 2; i++) {
    open.push(await openTestTicket(slack, { requester: B, reporter: R }));
  }
  const closed: Ticket[] = [];
  for (let i = 0; i < ERASED_PER_RUN; i++) {
    closed[i] = await openTestTicket(slack, {
      requester: B,
      reporter: R,
      status: "closed",
      closed_at: now - 50 * D,
      updated_at: now - 50 * D,
    });
  }
  await requestErasure(client, PEOPLE.admin, R, now);
  await run(slack, now);
  const midway = await getErasure(client, R);
  assert.equal(midway?.stage, "open");
  const cursor = midway!.cursor!;

  // Meanwhile R writes in a ticket the cursor has passed, and opens one
  // whose id falls below the cursor too.
  const wroteIn = [...open, ...closed].find((ticket) => ticket.id <= cursor)!;
  assert.equal((await storedTicket(slack, wroteIn.id)).reporter, undefined);
  await updateTicketFields(client, wroteIn.id, { writers: [R] });
  await post(slack, wroteIn, `:inbox_tray: <@${R}> wrote:\n> one more thing`);
  let opened: Ticket | undefined;
  const alsoOpened: Ticket[] = [];
  for (let i = 0; i < 40 && !opened; i++) {
    const mine = await openTestTicket(slack, { summary: "Opened meanwhile" });
    if (mine.id < cursor) opened = mine;
    else alsoOpened.push(mine);
  }
  assert.ok(opened, "a ticket whose id is below the cursor");
  await untilDone(slack, now + 900);

  await t.step("the ticket they wrote in meanwhile is cleaned", async () => {
    const kept = await storedTicket(slack, wroteIn.id);
    assert.deepEqual(kept.writers ?? [], []);
    assert.ok(texts(slack, wroteIn).includes(ERASED_MESSAGE));
    assert.ok(!texts(slack, wroteIn).some((text) => text.includes("more")));
  });

  await t.step("the tickets they opened meanwhile are removed", async () => {
    for (const mine of [opened!, ...alsoOpened]) {
      assert.equal(await exists(slack, mine.id), false, mine.key);
      assert.match(cardText(slack, mine), /removed at the request/);
    }
  });

  await t.step("the receipt counts them and says what it covers", () => {
    const [receipt, ...more] = receipts(slack);
    assert.equal(more.length, 0);
    assert.match(
      receipt.text,
      new RegExp(`removed: ${1 + alsoOpened.length}: .*${opened!.key}`),
    );
    assert.match(receipt.text, /cleaned: 12: /);
    assert.match(receipt.text, /Covers tickets they opened or wrote in up to/);
    assert.match(receipt.text, /while it ran included/);
  });
});
