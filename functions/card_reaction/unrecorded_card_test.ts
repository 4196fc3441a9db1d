// A reaction on a card whose lookup is missing: the card's metadata names
// its ticket. Recorded as the ticket's card (only the lookup's write
// failed), the reaction acts; a card its ticket never recorded (the opening
// stopped part-way), or of a ticket not in Helpdesk, can't, and its reactor
// is told why instead of nothing happening.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  clientFor,
  configure,
  functionContext,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { lookupByCard, putTicket } from "../../slack/storage/ticket_store.ts";
import { CARD_EVENT_TYPE } from "../../slack/workspace/triage_card.ts";

function react(slack: FakeSlack, ts: string, reaction: string, user: string) {
  slack.workspace.react(TRIAGE, ts, reaction, user);
  return handler(functionContext("card_reaction", slack, {
    channel: TRIAGE,
    message_ts: ts,
    reaction,
    user,
  }));
}

const toldTo = (slack: FakeSlack, user: string) =>
  slack.workspace.ephemerals.filter((e) => e.user === user).map((e) => e.text);

Deno.test("a reaction on a card with no lookup", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);

  await t.step(
    "its ticket not finished opening: the reactor is told",
    async () => {
      const ticket = await openTestTicket(slack);
      await slack.datastores.delete(
        "ticket_lookup",
        lookupByCard(TRIAGE, ticket.card_ts!),
      );
      const pending = {
        ...ticket,
        card_channel: undefined,
        card_ts: undefined,
        setup_pending: true,
      };
      await putTicket(clientFor(slack), pending);
      const result = await react(slack, ticket.card_ts!, "eyes", PEOPLE.agent);
      assert.deepEqual(result.outputs, {});
      assert.equal((await storedTicket(slack, ticket.id)).assignee, undefined);
      const told = toldTo(slack, PEOPLE.agent);
      assert.equal(told.length, 1, JSON.stringify(told));
      assert.match(
        told[0],
        new RegExp(
          `^Your :eyes: did nothing: ${ticket.key} did not finish opening\\. .*react again then`,
        ),
      );
    },
  );

  await t.step("its card recorded, only the lookup lost: it acts", async () => {
    const ticket = await openTestTicket(slack);
    await slack.datastores.delete(
      "ticket_lookup",
      lookupByCard(TRIAGE, ticket.card_ts!),
    );
    const result = await react(slack, ticket.card_ts!, "eyes", PEOPLE.agent);
    assert.deepEqual(result.outputs, { ticket_id: ticket.id });
    assert.equal(
      (await storedTicket(slack, ticket.id)).assignee,
      PEOPLE.agent,
    );
  });

  await t.step("its ticket not in Helpdesk: the reactor is told", async () => {
    const ticket = await openTestTicket(slack);
    await slack.datastores.delete(
      "ticket_lookup",
      lookupByCard(TRIAGE, ticket.card_ts!),
    );
    await slack.datastores.delete("tickets", ticket.id);
    await react(slack, ticket.card_ts!, "white_check_mark", PEOPLE.otherAgent);
    const told = toldTo(slack, PEOPLE.otherAgent);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0], /that card's ticket is not in Helpdesk/);
  });

  await t.step("a second card of a ticket: the reactor is told", async () => {
    const ticket = await openTestTicket(slack);
    // What an opening tried again after its first card went unrecorded
    // leaves: another card carrying the same ticket's id.
    const second = await clientFor(slack).chat.postMessage({
      channel: TRIAGE,
      text: ticket.summary,
      metadata: {
        event_type: CARD_EVENT_TYPE,
        event_payload: { ticket_id: ticket.id },
      },
    });
    assert.equal(second.ok, true, JSON.stringify(second));
    await react(slack, second.ts, "eyes", PEOPLE.otherAgent);
    assert.equal((await storedTicket(slack, ticket.id)).assignee, undefined);
    const told = toldTo(slack, PEOPLE.otherAgent).at(-1)!;
    assert.match(
      told,
      new RegExp(`that card is a second one of ${ticket.key}`),
    );
  });

  await t.step("a person's message in the channel stays quiet", async () => {
    const said = slack.workspace.postAs(PEOPLE.agent, TRIAGE, "Lunch?");
    const before = slack.workspace.ephemerals.length;
    await react(slack, said.ts, "eyes", PEOPLE.otherAgent);
    assert.equal(slack.workspace.ephemerals.length, before);
  });
});
