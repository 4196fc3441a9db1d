// Cards of tickets that were never saved (use_cases/schedule/unsaved_cards
// .ts): opening posts the card alongside the save, so a run stopped between
// the two leaves a card for a ticket that does not exist. The scheduled run
// finds it once it is old enough, tells its requester once, with their
// words, and rewrites it; cards of tickets that exist, or that retention or
// an erasure removed on purpose, are left alone; a look cut short goes on.
import assert from "node:assert/strict";
import {
  checkerClient,
  clientFor,
  configure,
  defaultSettings,
  GENERAL,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  ticketCards,
  TRIAGE,
} from "../testing/harness.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import { submitRequestForm } from "../testing/failure_retry_scenarios.ts";
import { run } from "../testing/scheduled_checks.ts";
import { sampleTicket } from "../testing/sample_ticket.ts";
import type { Args } from "../testing/fake_slack/slack_error.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { getTicket, putTicket } from "../../slack/storage/ticket_store.ts";
import {
  postTicketCard,
  redrawPreviousCards,
} from "../../slack/workspace/triage_card.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import { purgeTicket } from "../../use_cases/changes/ticket_purge.ts";
import { eraseFromTicket } from "../../use_cases/changes/ticket_erasure.ts";
import {
  PAGE_SIZE,
  PAGES_PER_CHANNEL,
  takeBackUnsavedCards,
  UNSAVED_AFTER_SECONDS,
  UNSAVED_EVENT_TYPE,
} from "../../use_cases/schedule/unsaved_cards.ts";

/** Unix seconds as the scheduled run sees them, `ahead` seconds from now. */
const later = (ahead: number) => Math.floor(Date.now() / 1000) + ahead;

/** "Your request … was not saved" DMs to the person about `summary`. */
const notSavedDms = (slack: FakeSlack, person: string, summary: string) =>
  slack.workspace.dmsTo(person).filter((m) =>
    m.text.includes("was not saved") && m.text.includes(summary)
  );

const messageAt = (slack: FakeSlack, channel: string, ts: string) =>
  slack.workspace.findMessage(channel, ts)!;

/** A card posted for a ticket that was never saved (as a stopped run). */
async function unsavedCard(
  slack: FakeSlack,
  channel: string,
  fields: Partial<Ticket> = {},
) {
  const ticket = sampleTicket({
    id: `01UNSAVED${crypto.randomUUID().slice(0, 8)}`,
    requester: PEOPLE.requester,
    summary: `Unsaved ${crypto.randomUUID().slice(0, 6)}`,
    description: "All of it & more <here>",
    ...fields,
  });
  const card = await postTicketCard(
    clientFor(slack),
    defaultSettings(),
    ticket,
    later(0),
    channel,
  );
  return { ticket, ts: card.ts };
}

const isTakenBack = (slack: FakeSlack, channel: string, ts: string) => {
  const message = messageAt(slack, channel, ts);
  const metadata = message.metadata as { event_type?: string } | undefined;
  return metadata?.event_type === UNSAVED_EVENT_TYPE;
};

Deno.test("a card left by an opening that stopped after posting it", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const live = await openTestTicket(slack);

  await t.step("the save refused and the card's deletion too", async () => {
    const viewId = "V0UNSAVED";
    const id = await ticketIdFor(creationKeys.view(viewId));
    // Every save of the ticket, and every deletion of its card, refused:
    // as if the run had died right after posting the card.
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
    const [card] = ticketCards(slack, TRIAGE, id);
    assert.ok(card, "no card left: nothing to find");

    // Younger than UNSAVED_AFTER_SECONDS: an opening may still be at it.
    await run(slack, later(UNSAVED_AFTER_SECONDS - 60));
    assert.equal(notSavedDms(slack, PEOPLE.requester, "VPN drops").length, 0);
    assert.ok(!isTakenBack(slack, TRIAGE, card.ts), "taken back too soon");

    await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
    const dms = notSavedDms(slack, PEOPLE.requester, "VPN drops");
    assert.equal(dms.length, 1, "requester not told");
    // Their words given back, and how to ask again.
    assert.match(dms[0].text, /Open a ticket/);
    const rewritten = messageAt(slack, TRIAGE, card.ts);
    assert.ok(isTakenBack(slack, TRIAGE, card.ts), "card not rewritten");
    assert.equal(rewritten.blocks?.length ?? 0, 0, "its buttons stay");
    assert.match(rewritten.text, /never saved/);
    assert.match(rewritten.text, new RegExp(`<@${PEOPLE.requester}> was told`));

    // Once: later runs find nothing more to do.
    await run(slack, later(UNSAVED_AFTER_SECONDS + 120));
    await run(slack, later(UNSAVED_AFTER_SECONDS + 1200));
    assert.equal(notSavedDms(slack, PEOPLE.requester, "VPN drops").length, 1);
    // The live ticket's card is as it was.
    const [liveCard] = ticketCards(slack, TRIAGE, live.id);
    assert.equal(liveCard.text, ticketCardText(live));
  });
});

Deno.test("cards of tickets that exist or were removed on purpose stay", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 2 });
  await configure(slack);
  const client = clientFor(slack);
  const settings = defaultSettings();
  const live = await openTestTicket(slack);
  // Moved: its card here says where it went, and keeps its metadata.
  const moved = await openTestTicket(slack);
  const old = await postTicketCard(client, settings, moved, later(0), TRIAGE);
  // As a move saves it: the card it left is among its previous cards.
  const movedAway = { ...moved, previous_cards: [`${TRIAGE}:${old.ts}`] };
  await putTicket(client, movedAway);
  await redrawPreviousCards(client, settings, movedAway, "Facilities");
  const merged = await openTestTicket(slack, {
    status: "closed",
    merged_into: live.id,
    merged_into_key: live.key,
  });
  // Removed by retention, and by erasing the person who asked: their
  // cards keep the card's metadata, and their tickets are gone.
  const expired = await openTestTicket(slack, { status: "closed" });
  const purged = await purgeTicket(
    client,
    expired,
    { kind: "retention", days: 30 },
    () => true,
  );
  assert.equal(purged.kind, "purged");
  const erasedPerson = await openTestTicket(slack, {
    requester: PEOPLE.bystander,
  });
  const erased = await eraseFromTicket(
    client,
    settings,
    erasedPerson,
    PEOPLE.bystander,
    later(0),
  );
  assert.equal(erased.kind, "purged");
  // One card really left unsaved, to show the look covered the others.
  const unsaved = await unsavedCard(slack, TRIAGE);
  // A private request's card names nobody and holds none of their words.
  const secret = await unsavedCard(slack, TRIAGE, { private: true });
  const before = new Map(
    slack.workspace.messagesIn(TRIAGE).map((m) => [m.ts, m.text]),
  );

  await t.step("only the unsaved one is taken back", async () => {
    await run(slack, later(UNSAVED_AFTER_SECONDS + 60));
    assert.ok(isTakenBack(slack, TRIAGE, unsaved.ts), "the look missed it");
    for (const ticket of [live, moved, merged, expired, erasedPerson]) {
      const cards = slack.workspace.messagesIn(TRIAGE).filter((m) =>
        (m.metadata as { event_payload?: { ticket_id?: string } })
          ?.event_payload?.ticket_id === ticket.id
      );
      assert.ok(cards.length, `${ticket.key}: no card`);
      for (const card of cards) {
        assert.equal(card.text, before.get(card.ts), `${ticket.key} changed`);
        assert.ok(!isTakenBack(slack, TRIAGE, card.ts), `${ticket.key}`);
      }
    }
    assert.equal(
      slack.workspace.dmsTo(PEOPLE.bystander).filter((m) =>
        m.text.includes("was not saved")
      ).length,
      0,
    );
    assert.equal(
      notSavedDms(slack, PEOPLE.requester, "").length,
      1,
      "only the unsaved card's requester is told",
    );
    assert.ok(isTakenBack(slack, TRIAGE, secret.ts), "private card left");
    assert.match(messageAt(slack, TRIAGE, secret.ts).text, /told nobody/);
  });
});

Deno.test("a look cut short goes on where it stopped", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 1 });
  await configure(slack);

  await t.step("more pages than a run reads", async () => {
    // The unsaved card is the oldest: newer messages fill the pages a run
    // reads first.
    const unsaved = await unsavedCard(slack, TRIAGE);
    for (let i = 0; i < PAGE_SIZE * PAGES_PER_CHANNEL + 10; i++) {
      slack.workspace.postAs(PEOPLE.agent, TRIAGE, `chatter ${i}`);
    }
    const now = later(UNSAVED_AFTER_SECONDS + 60);
    await run(slack, now);
    assert.ok(!isTakenBack(slack, TRIAGE, unsaved.ts), "read past its pages");
    await run(slack, now + 60);
    assert.ok(isTakenBack(slack, TRIAGE, unsaved.ts), "not gone on");
    assert.equal(
      notSavedDms(slack, PEOPLE.requester, unsaved.ticket.summary).length,
      1,
    );
  });
});

Deno.test("a budget that holds one channel: the other goes first next", async () => {
  await using slack = await startFakeSlack({ latencyMs: 1 });
  await configure(slack);
  {
    slack.workspace.channels.get(GENERAL)!.members.add(BOT_USER_ID);
    const here = await unsavedCard(slack, TRIAGE);
    const there = await unsavedCard(slack, GENERAL);
    const now = later(UNSAVED_AFTER_SECONDS + 3600);
    // One read of history a run, whatever the share.
    class OnePage extends CallBudget {
      override remaining(method: string) {
        return method === "conversations.history"
          ? Math.max(0, 1 - this.spent(method))
          : super.remaining(method);
      }
    }
    const look = () => {
      const budget = new OnePage({
        deadline: Date.now() + 60_000,
        share: 0.6,
      });
      return takeBackUnsavedCards(
        budget.wrap(clientFor(slack)),
        budget,
        [TRIAGE, GENERAL],
        now,
        defaultSettings().workspace_url,
      );
    };
    const first = await look();
    assert.equal(first.cutShort, true);
    assert.equal(
      [
        isTakenBack(slack, TRIAGE, here.ts),
        isTakenBack(slack, GENERAL, there.ts),
      ]
        .filter(Boolean).length,
      1,
    );
    const second = await look();
    assert.ok(isTakenBack(slack, TRIAGE, here.ts), "TRIAGE left behind");
    assert.ok(isTakenBack(slack, GENERAL, there.ts), "GENERAL left behind");
    assert.equal(second.takenBack, 1);
  }
});

Deno.test("a DM that fails: later for a passing reason, said for a lasting one", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 1 });
  await configure(slack);
  const passing = await unsavedCard(slack, TRIAGE);
  const gone = await unsavedCard(slack, TRIAGE, { requester: "UGONE" });
  slack.workspace.addUser({ id: "UGONE", name: "gone", deleted: true });
  const now = later(UNSAVED_AFTER_SECONDS + 60);

  await t.step("refused now: the card waits for the next run", async () => {
    slack.fail({
      method: "chat.postMessage",
      when: (args: Args) => args.channel === PEOPLE.requester,
      error: "internal_error",
    });
    await run(slack, now);
    assert.ok(!isTakenBack(slack, TRIAGE, passing.ts), "untold, yet rewritten");
    // The newer card, read first, is done, and says who wasn't reached.
    assert.ok(isTakenBack(slack, TRIAGE, gone.ts));
    assert.match(
      messageAt(slack, TRIAGE, gone.ts).text,
      /could not reach <@UGONE>/,
    );
    await run(slack, now + 60);
    assert.ok(isTakenBack(slack, TRIAGE, passing.ts));
    assert.equal(
      notSavedDms(slack, PEOPLE.requester, passing.ticket.summary).length,
      1,
    );
  });
});
