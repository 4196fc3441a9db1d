// Move… on a card, through update_ticket as Slack runs it: who may, what the
// new queue's roles change, both cards and threads, the requester's DM, and
// a private request that never shows its words in either channel.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  ticketCards,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  click,
  openComplaint,
  openGeneral,
  PRIVATE_ANSWER,
  PRIVATE_TEXT,
} from "../../dev/testing/queue_actions.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { submitMove } from "../../dev/testing/edit_move_actions.ts";
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import { openTestTicket } from "../../dev/testing/harness.ts";
import {
  findTicketId,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";
import { rolesInQueue } from "../../use_cases/changes/queue_agents.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";

Deno.test("Move…: to another queue, re-checked against its roles, shown everywhere", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  // Assigned to a Helpdesk agent who doesn't work the People team.
  const ticket = await openTestTicket(slack, {
    status: "in_progress",
    assignee: PEOPLE.otherAgent,
  });
  const opened = await click(slack, ticket.id, "move", PEOPLE.otherAgent);
  assert.equal(opened.completed, false);
  const form = JSON.stringify(slack.callsTo("views.open")[0].args.view);
  assert.match(form, /"text":"People team"},"value":"people-team"/);
  assert.doesNotMatch(form, /"value":"default"/, "not its own queue");

  const answer = await submitMove(
    slack,
    ticket.id,
    PEOPLE.otherAgent,
    PEOPLE_QUEUE.id,
  );
  assert.equal(answer, undefined, JSON.stringify(answer));
  const moved = await storedTicket(slack, ticket.id);
  assert.equal(moved.queue_id, "people-team");
  assert.equal(moved.assignee, undefined, "they don't work the People team");
  assert.equal(moved.status, "new");
  assert.equal(moved.card_channel, PEOPLE_TRIAGE);
  assert.deepEqual(moved.previous_cards, [`${TRIAGE}:${ticket.card_ts}`]);
  const [newCard] = ticketCards(slack, PEOPLE_TRIAGE, ticket.id);
  assert.equal(newCard.ts, moved.card_ts);
  assert.match(newCard.text, / New: Printer on 3rd floor jams/);
  assert.equal(
    await findTicketId(
      clientFor(slack),
      lookupByCard(PEOPLE_TRIAGE, newCard.ts),
    ),
    ticket.id,
  );
  // The old card says where it went, and offers nothing to click.
  const old = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
  assert.match(shownText(old), /moved to the \*People team\* queue: <https:/);
  assert.deepEqual(buttonsOf(old), []);
  assert.match(
    slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!.text,
    new RegExp(
      `^:arrow_right: <@${PEOPLE.otherAgent}> moved ${ticket.key} to the \\*People team\\* queue: <https://[^|]+\\|its card there>`,
    ),
  );
  assert.match(
    slack.workspace.repliesTo(PEOPLE_TRIAGE, newCard.ts)[0].text,
    new RegExp(
      `moved ${ticket.key} here from the \\*Helpdesk\\* queue\\. <@${PEOPLE.otherAgent}> doesn't work this queue, so it is unassigned`,
    ),
  );
  const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
  assert.match(dm.text, /moved your ticket .* to the \*People team\* queue/);
  assert.deepEqual(buttonsOf(dm), ["ticket_comment", "requester_withdraw"]);

  // From now on the People team works it, and its lock stays on the first
  // card: a claim from the new card locks the old one.
  slack.clearCalls();
  await click(slack, ticket.id, "claim", ROLE_PEOPLE.owner);
  assert.equal(
    (await storedTicket(slack, ticket.id)).assignee,
    ROLE_PEOPLE.owner,
  );
  const lock = slack.callsTo("reactions.add").find((c) =>
    c.args.name === LOCK_REACTION
  )!;
  assert.equal(lock.args.channel, TRIAGE);
  assert.equal(lock.args.timestamp, ticket.card_ts);
  // …and a Helpdesk agent who doesn't work it can't any more.
  await click(slack, ticket.id, "resolve", PEOPLE.otherAgent);
  assert.equal((await storedTicket(slack, ticket.id)).status, "in_progress");
});

Deno.test("Move…: an assignee who works the new queue keeps it", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openTestTicket(slack, {
    status: "in_progress",
    assignee: PEOPLE.agent, // works both queues
  });
  await submitMove(slack, ticket.id, PEOPLE.agent, PEOPLE_QUEUE.id);
  const moved = await storedTicket(slack, ticket.id);
  assert.equal(moved.assignee, PEOPLE.agent);
  assert.equal(moved.status, "in_progress");
});

Deno.test("Move…: the requester, a bystander and another queue's agent are refused", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openTestTicket(slack, {});
  const refusers = [
    PEOPLE.requester,
    PEOPLE.bystander,
    ROLE_PEOPLE.owner, // owns the People team, not an agent of Helpdesk
    ROLE_PEOPLE.channelMember,
  ];
  for (const person of refusers) {
    slack.clearCalls();
    await click(slack, ticket.id, "move", person);
    assert.equal(slack.callsTo("views.open").length, 0, person);
    const answer = await submitMove(slack, ticket.id, person, PEOPLE_QUEUE.id);
    assert.match(
      answer.errors.target_queue,
      /^Only Helpdesk agents can move HD-\w+/,
      person,
    );
  }
  assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
  assert.equal(ticketCards(slack, PEOPLE_TRIAGE, ticket.id).length, 0);
  // Forged: the queue it is in, or one that doesn't exist.
  const same = await submitMove(slack, ticket.id, PEOPLE.agent, "default");
  assert.equal(
    same.errors.target_queue,
    `${ticket.key} is already in that queue.`,
  );
  const nowhere = await submitMove(slack, ticket.id, PEOPLE.agent, "nowhere");
  assert.match(nowhere.errors.target_queue, /no longer exists/);
  // Resolved or closed tickets stay where they are.
  const resolved = await openTestTicket(slack, { status: "resolved" });
  const late = await submitMove(
    slack,
    resolved.id,
    PEOPLE.agent,
    PEOPLE_QUEUE.id,
  );
  assert.match(late.errors.target_queue, /reopen it first/);
});

Deno.test("Move…: with one queue there is nowhere to go", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {});
  await click(slack, ticket.id, "move", PEOPLE.agent);
  assert.equal(slack.callsTo("views.open").length, 0);
  assert.match(
    slack.workspace.ephemerals.at(-1)!.text,
    /There is no other queue to move HD-\w+ to/,
  );
});

Deno.test("Move…: a private request's words stay out of both channels", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openComplaint(slack);
  const helpdeskAgentDms = slack.workspace.dmsTo(PEOPLE.otherAgent).length;
  const answer = await submitMove(slack, ticket.id, PEOPLE.agent, "default");
  assert.equal(answer, undefined, JSON.stringify(answer));
  const [card] = ticketCards(slack, TRIAGE, ticket.id);
  assert.match(card.text, /Private request/);
  const shared = [PEOPLE_TRIAGE, TRIAGE].map((channel) =>
    JSON.stringify(slack.workspace.messagesIn(channel)) +
    slack.workspace.messagesIn(channel).map((m) =>
      JSON.stringify(slack.workspace.repliesTo(channel, m.ts))
    ).join("")
  ).join("");
  assert.ok(!shared.includes(PRIVATE_TEXT), "no summary in either channel");
  assert.ok(!shared.includes(PRIVATE_ANSWER), "no details in either channel");
  // Helpdesk's agents got the details by DM, as for a new private request.
  const dms = slack.workspace.dmsTo(PEOPLE.otherAgent);
  assert.equal(dms.length, helpdeskAgentDms + 1);
  assert.match(JSON.stringify(dms.at(-1)!.blocks), new RegExp(PRIVATE_ANSWER));
});

Deno.test("Move…: a People-team ticket goes to Helpdesk on the same terms", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openGeneral(slack, {});
  await click(slack, ticket.id, "move", ROLE_PEOPLE.owner);
  assert.equal(slack.callsTo("views.open").length, 1, "the owner may move it");
  const answer = await submitMove(
    slack,
    ticket.id,
    ROLE_PEOPLE.owner,
    "default",
  );
  assert.equal(answer, undefined, JSON.stringify(answer));
  assert.equal((await storedTicket(slack, ticket.id)).queue_id, "default");
  assert.equal(ticketCards(slack, TRIAGE, ticket.id).length, 1);
});

Deno.test("roles are asked again when the ticket moved while a click waited", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const client = clientFor(slack);
  const ticket = await openTestTicket(slack, {});
  // A click loads the ticket (in Helpdesk), then waits for its lock…
  const loaded = await loadQueuedTicket(client, ticket.id);
  if (!loaded.ok) throw new Error(loaded.reason);
  const roles = rolesInQueue(client, loaded, [
    PEOPLE.otherAgent,
    ROLE_PEOPLE.owner,
  ]);
  // …while someone moves it to the People team.
  await submitMove(slack, ticket.id, PEOPLE.agent, PEOPLE_QUEUE.id);
  const latest = await storedTicket(slack, ticket.id);
  assert.deepEqual(await roles.of(loaded.ticket), [true, false]);
  assert.deepEqual(await roles.of(latest), [false, true]);
});

Deno.test("Move…: a card posted for a move that could not be saved is taken back", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openTestTicket(slack, {});
  // Twice: a passing failure is asked again once.
  slack.fail({
    method: "apps.datastore.put",
    when: (args) => (args.datastore as string) === "tickets",
    error: "internal_error",
    times: 2,
  });
  const answer = await submitMove(
    slack,
    ticket.id,
    PEOPLE.agent,
    PEOPLE_QUEUE.id,
  );
  assert.match(answer.errors.target_queue, /Slack|try again/i);
  assert.equal(slack.callsTo("chat.delete").length, 1);
  assert.equal(ticketCards(slack, PEOPLE_TRIAGE, ticket.id).length, 0);
  assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
});
