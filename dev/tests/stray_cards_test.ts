// Second cards of a ticket (helpdesk/tickets/stray_cards.ts): an opening
// that died after posting its card, before its save, tried again with the
// same creation key, saves the ticket under the same id and posts a second
// card. The scheduled run's look at the triage history
// (use_cases/schedule/unsaved_cards.ts) rewrites the first to point at the
// second; a ticket whose card is not recorded yet is waited for, never
// judged; the cards a ticket knows are left alone.
import assert from "node:assert/strict";
import {
  checkerClient,
  clientFor,
  configure,
  defaultSettings,
  fixtureClientFor,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  ticketCards,
  TRIAGE,
} from "../testing/harness.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import type { Args } from "../testing/fake_slack/slack_error.ts";
import { submitRequestForm } from "../testing/failure_retry_scenarios.ts";
import { run } from "../testing/scheduled_checks.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import { getTicket, putTicket } from "../../slack/storage/ticket_store.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import {
  anotherRunHoldsLock,
  anotherRunLetsGo,
} from "../testing/lock_fixtures.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";
import { messageLink } from "../../slack/blocks/ticket_messages.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { eraseFromTicket } from "../../use_cases/changes/ticket_erasure.ts";
import { STRAY_EVENT_TYPE } from "../../use_cases/changes/stray_cards.ts";
import {
  takeBackUnsavedCards,
  UNSAVED_AFTER_SECONDS,
  UNSAVED_EVENT_TYPE,
} from "../../use_cases/schedule/unsaved_cards.ts";

/** Unix seconds as the scheduled run sees them, `ahead` seconds from now. */
const later = (ahead: number) => Math.floor(Date.now() / 1000) + ahead;

const eventTypeOf = (slack: FakeSlack, ts: string) =>
  (slack.workspace.findMessage(TRIAGE, ts)!.metadata as {
    event_type?: string;
  } | undefined)?.event_type;

/** What a card shows, to tell whether anything rewrote it. */
const drawn = (slack: FakeSlack, ts: string) => {
  const message = slack.workspace.findMessage(TRIAGE, ts)!;
  return JSON.stringify([message.text, message.blocks, message.metadata]);
};

/**
 * The request form submitted as `viewId`, its run dead right after posting
 * the card: every save of the ticket refused, and the card's deletion too.
 * Returns the card it left.
 */
async function diedAfterTheCard(slack: FakeSlack, viewId: string) {
  const id = await ticketIdFor(creationKeys.view(viewId));
  slack.fail({
    method: "apps.datastore.put",
    times: 10,
    when: (args: Args) => args.datastore === "tickets",
    error: "internal_error",
  });
  slack.fail({ method: "chat.delete", times: 10, error: "internal_error" });
  await submitRequestForm(slack, viewId);
  slack.clearFailures();
  slack.settleReads();
  assert.equal(await getTicket(checkerClient(slack), id), undefined);
  const cards = ticketCards(slack, TRIAGE, id);
  assert.equal(cards.length, 1, "no card left: nothing to find");
  return { id, first: cards[0] };
}

const notSavedDms = (slack: FakeSlack) =>
  slack.workspace.dmsTo(PEOPLE.requester).filter((m) =>
    m.text.includes("was not saved")
  );

Deno.test("the form submitted again after a run died after its card", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const settings = defaultSettings();
  const { id, first } = await diedAfterTheCard(slack, "V0STRAY");

  await t.step("the retry saves the ticket with a second card", async () => {
    await submitRequestForm(slack, "V0STRAY");
    slack.settleReads();
    const cards = ticketCards(slack, TRIAGE, id);
    assert.equal(cards.length, 2);
    const ticket = await storedTicket(slack, id);
    assert.notEqual(ticket.card_ts, first.ts, "the retry adopted the first");
    assert.equal(ticket.setup_pending, undefined);
  });

  await t.step("the scan points the first card at the second", async () => {
    const ticket = await storedTicket(slack, id);
    const second = ticket.card_ts!;
    const before = drawn(slack, second);
    await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
    const rewritten = slack.workspace.findMessage(TRIAGE, first.ts)!;
    assert.equal(eventTypeOf(slack, first.ts), STRAY_EVENT_TYPE);
    assert.equal(rewritten.blocks?.length ?? 0, 0, "its buttons stay");
    assert.ok(
      rewritten.text.includes(
        messageLink(settings.workspace_url, TRIAGE, second),
      ),
      rewritten.text,
    );
    assert.match(
      rewritten.text,
      new RegExp(`second card of ${ticket.key}\\b.*${ticket.key} is worked`),
    );
    // The ticket's card as it was, and nobody told a thing.
    assert.equal(drawn(slack, second), before);
    assert.equal(notSavedDms(slack).length, 0);
    assert.deepEqual(ticketCards(slack, TRIAGE, id).map((m) => m.ts), [
      second,
    ]);
  });

  await t.step(
    "the ticket's card still works, the stray stays as said",
    async () => {
      const ticket = await storedTicket(slack, id);
      const stray = drawn(slack, first.ts);
      const claimed = await changeTicket(
        clientFor(slack),
        id,
        { type: "claim" },
        PEOPLE.agent,
      );
      assert.ok(claimed.ok);
      slack.settleReads();
      const now = await storedTicket(slack, id);
      assert.equal(now.assignee, PEOPLE.agent);
      assert.equal(
        slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!.text,
        ticketCardText(now),
      );
      await run(slack, later(UNSAVED_AFTER_SECONDS + 1200));
      assert.equal(drawn(slack, first.ts), stray);
    },
  );
});

Deno.test("the form sent again while the look reads its card", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const { id, first } = await diedAfterTheCard(slack, "V0MEANWHILE");
  // The look reads the card's ticket as missing; the same form is sent
  // again (its ticket saved, "is open" said) before the look goes on.
  // (Earlier phases of the run may read the ticket too: the look's read is
  // the first after it reads the triage channel.)
  let stage: "before" | "reading" | "read" | "sent again" = "before";
  slack.beforeAnswer(async (method, args) => {
    if (stage === "read") {
      stage = "sent again";
      await submitRequestForm(slack, "V0MEANWHILE");
      slack.settleReads();
    } else if (stage === "before" && method === "conversations.history") {
      stage = "reading";
    } else if (
      stage === "reading" && method === "apps.datastore.bulkGet" &&
      args.datastore === "tickets" && JSON.stringify(args.ids).includes(id)
    ) stage = "read";
  });

  await t.step('nobody hears "not saved" of a ticket just opened', async () => {
    await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
    assert.equal(stage, "sent again", "the look never read the card");
    assert.equal(notSavedDms(slack).length, 0);
    assert.notEqual(eventTypeOf(slack, first.ts), UNSAVED_EVENT_TYPE);
    const ticket = await storedTicket(slack, id);
    assert.ok(ticket.card_ts && ticket.card_ts !== first.ts);
  });

  await t.step("the next look takes the first card for a stray", async () => {
    await run(slack, later(UNSAVED_AFTER_SECONDS + 120));
    assert.equal(eventTypeOf(slack, first.ts), STRAY_EVENT_TYPE);
    assert.equal(notSavedDms(slack).length, 0);
  });
});

Deno.test("a ticket whose record failed is waited for, then judged", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const { id, first } = await diedAfterTheCard(slack, "V0AWAIT");
  // The retry saves the ticket and posts its card; its record refused.
  slack.fail({
    method: "apps.datastore.update",
    times: 10,
    when: (args: Args) => args.datastore === "tickets",
    error: "internal_error",
  });
  await submitRequestForm(slack, "V0AWAIT");
  slack.clearFailures();
  slack.settleReads();
  const saved = await storedTicket(slack, id);
  assert.equal(saved.setup_pending, true);
  assert.equal(saved.card_ts, undefined);
  const cards = ticketCards(slack, TRIAGE, id);
  assert.equal(cards.length, 2);
  const second = cards.find((m) => m.ts !== first.ts)!;
  const now = later(UNSAVED_AFTER_SECONDS + 60);

  await t.step("before the repair adopts a card: both stay", async () => {
    const before = cards.map((m) => drawn(slack, m.ts));
    // The look on its own, without the repair that comes before it in a run.
    const budget = new CallBudget({
      deadline: Date.now() + 60_000,
      share: 0.6,
    });
    const look = await takeBackUnsavedCards(
      budget.wrap(clientFor(slack)),
      budget,
      [TRIAGE],
      now,
      defaultSettings().workspace_url,
    );
    assert.deepEqual(cards.map((m) => drawn(slack, m.ts)), before);
    assert.equal(look.strays, 0);
    assert.equal(look.cutShort, true, "not to be read again");
    assert.equal(notSavedDms(slack).length, 0);
  });

  await t.step(
    "the next run repairs it, then points the first card",
    async () => {
      await run(slack, now + 60);
      slack.settleReads();
      const ticket = await storedTicket(slack, id);
      assert.equal(ticket.card_ts, second.ts, "the repair adopted another");
      assert.equal(eventTypeOf(slack, first.ts), STRAY_EVENT_TYPE);
      assert.equal(
        slack.workspace.findMessage(TRIAGE, second.ts)!.text,
        ticketCardText(ticket),
      );
    },
  );
});

/** Two cards of one ticket, as the form submitted again leaves them. */
async function twoCards(slack: FakeSlack, viewId: string) {
  const { id, first } = await diedAfterTheCard(slack, viewId);
  await submitRequestForm(slack, viewId);
  slack.settleReads();
  const ticket = await storedTicket(slack, id);
  assert.equal(ticketCards(slack, TRIAGE, id).length, 2);
  return { ticket, first };
}

Deno.test("a stray whose ticket is busy waits for the next run", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);

  await t.step("another run holds its lock", async () => {
    const { ticket, first } = await twoCards(slack, "V0BUSY");
    await anotherRunHoldsLock(slack, ticket, { holder: "another-run" });
    const now = later(UNSAVED_AFTER_SECONDS + 60);
    const report = await run(slack, now);
    assert.equal(eventTypeOf(slack, first.ts), "helpdesk_ticket_card");
    assert.equal(report.finished, false, "said to be done");
    anotherRunLetsGo(slack, ticket);
    await run(slack, now + 60);
    assert.equal(eventTypeOf(slack, first.ts), STRAY_EVENT_TYPE);
  });
});

Deno.test("a stray is judged again under its ticket's lock", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);

  await t.step("adopted meanwhile (a move tried again): kept", async () => {
    const { ticket, first } = await twoCards(slack, "V0ADOPT");
    // Between the look's read of the ticket and its lock, a change under
    // the lock records the first card as the ticket's.
    let adopted = false;
    slack.beforeAnswer(async (method, args) => {
      if (
        adopted || method !== "reactions.add" ||
        args.name !== LOCK_REACTION || args.timestamp !== ticket.card_ts
      ) return;
      adopted = true;
      await putTicket(fixtureClientFor(slack), {
        ...ticket,
        card_ts: first.ts,
        previous_cards: [`${TRIAGE}:${ticket.card_ts}`],
      });
    });
    const before = drawn(slack, first.ts);
    await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
    assert.ok(adopted, "the look never took the lock");
    assert.equal(drawn(slack, first.ts), before, "the ticket's card rewritten");
  });
});

Deno.test("a stray of a ticket erased before the look is not called unsaved", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const { ticket, first } = await twoCards(slack, "V0ERASED");
  // The erasure rewrites the cards the ticket knows: not the stray.
  const erased = await eraseFromTicket(
    clientFor(slack),
    defaultSettings(),
    ticket,
    PEOPLE.requester,
    later(0),
  );
  assert.equal(erased.kind, "purged");
  slack.settleReads();
  assert.ok(slack.workspace.findMessage(TRIAGE, first.ts)!.blocks?.length);
  // The key the stray showed: the attempt that posted it drew its own.
  const shownKey = first.text.split(" ")[0];

  await t.step(
    "rewritten as the erasure left its card, nobody told",
    async () => {
      await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
      const card = slack.workspace.findMessage(TRIAGE, first.ts)!;
      assert.equal(card.blocks?.length ?? 0, 0, "its words stay");
      // As the erasure left the ticket's card, under the key it showed.
      assert.equal(
        card.text,
        slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!.text
          .replace(ticket.key, shownKey),
      );
      assert.match(card.text, /at the request of the person who wrote it/);
      assert.equal(notSavedDms(slack).length, 0, "told it was never saved");
    },
  );
});
