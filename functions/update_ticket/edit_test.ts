// Edit… on a card, through update_ticket as Slack runs it: the click that
// opens the form, and the form's submission.
import assert from "node:assert/strict";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { submitEdit } from "../../dev/testing/edit_move_actions.ts";
import { shownText } from "../../dev/testing/blocks_read.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  openComplaint,
  PRIVATE_ANSWER,
  PRIVATE_TEXT,
} from "../../dev/testing/queue_actions.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const MINUTE = 60;

function thread(slack: FakeSlack, ticket: Ticket, channel = TRIAGE) {
  return slack.workspace.repliesTo(channel, ticket.card_ts!).map((m) => m.text);
}

Deno.test("Edit…: the agent's form, filled in; saved on the card and in the thread", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {});
  // The form opens filled in with the ticket as it is.
  const opened = await click(slack, ticket.id, "edit", PEOPLE.agent);
  assert.equal(opened.completed, false);
  const form = slack.callsTo("views.open")[0].args.view as Record<
    string,
    unknown
  >;
  assert.match(
    JSON.stringify(form),
    /"initial_value":"Printer on 3rd floor jams"/,
  );
  assert.match(
    JSON.stringify(form),
    /"initial_option":\{"text":\{[^}]*\},"value":"normal"\}/,
  );
  assert.ok(String(form.private_metadata).length < 3000);
  const before = await storedTicket(slack, ticket.id);
  assert.equal(before.response_due_at, before.created_at + 240 * MINUTE);

  const answer = await submitEdit(slack, ticket, PEOPLE.agent, {
    summary: "Printer on 3rd floor jams every morning",
    priority: "urgent",
    category: "Printers",
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  const after = await storedTicket(slack, ticket.id);
  assert.equal(after.summary, "Printer on 3rd floor jams every morning");
  assert.equal(after.description, "Every second page.");
  assert.equal(after.priority, "urgent");
  assert.equal(after.category, "Printers");
  // Urgent targets (30m / 4h), counted from when it was opened.
  assert.equal(after.response_due_at, after.created_at + 30 * MINUTE);
  assert.equal(after.resolution_due_at, after.created_at + 240 * MINUTE);
  const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
  assert.match(card.text, /every morning/);
  assert.match(shownText(card), /:red_circle: Urgent/);
  assert.match(
    thread(slack, ticket).at(-1)!,
    new RegExp(
      `^<@${PEOPLE.agent}> edited ${ticket.key}: summary “Printer on 3rd floor jams every morning”, priority Normal → Urgent, category “Printers” · <!date`,
    ),
  );
  // An edit is not a status change: the requester gets no DM about it.
  assert.equal(
    slack.workspace.dmsTo(PEOPLE.requester).filter((m) =>
      m.text.includes("edited")
    ).length,
    0,
  );
});

Deno.test("Edit…: the requester and bystanders are refused, by button and by forged form", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {});
  for (const person of [PEOPLE.requester, PEOPLE.bystander]) {
    slack.clearCalls();
    const clicked = await click(slack, ticket.id, "edit", person);
    assert.equal(clicked.completed, undefined);
    assert.equal(slack.callsTo("views.open").length, 0, "no form");
    const told = person === PEOPLE.requester
      ? slack.workspace.dmsTo(person).at(-1)!.text
      : slack.workspace.ephemerals.at(-1)!.text;
    assert.match(told, /^Only Helpdesk agents can edit HD-/);
    const forged = await submitEdit(slack, ticket, person, {
      summary: "Mine now",
    });
    assert.match(forged.errors.summary, /^Only Helpdesk agents can edit HD-/);
    assert.doesNotMatch(forged.errors.summary, /[<>]/, "plain text");
  }
  assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
  assert.equal(thread(slack, ticket).length, 0);
});

Deno.test("Edit…: problems under their fields, in words; nothing saved", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {});
  const answer = await submitEdit(slack, ticket, PEOPLE.agent, {
    summary: "   ",
    description: "x".repeat(2_801),
    priority: "whenever",
  });
  assert.deepEqual(answer, {
    response_action: "errors",
    errors: {
      summary: "The summary is empty: say in a few words what is needed.",
      description: "The description is 2,801 characters; the limit is 2,800.",
      priority: "Choose a priority: low, normal, high, urgent.",
    },
  });
  const closed = await openTestTicket(slack, { status: "closed" });
  const refused = await submitEdit(slack, closed, PEOPLE.agent, {
    summary: "Too late",
  });
  assert.match(
    refused.errors.summary,
    /is closed: a closed ticket stays as it was/,
  );
  await click(slack, closed.id, "edit", PEOPLE.agent);
  assert.equal(slack.callsTo("views.open").length, 0);
  assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
});

Deno.test("Edit…: hostile text is saved as typed and shown as text", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  for (const hostile of HOSTILE_TEXT) {
    const ticket = await openTestTicket(slack, {});
    const answer = await submitEdit(slack, ticket, PEOPLE.agent, {
      summary: `Printer ${hostile}`,
      description: `Details ${hostile}`,
      category: hostile.slice(0, 50),
    });
    assert.equal(answer, undefined, hostile);
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.summary, `Printer ${hostile}`.replace(/\s+/g, " "));
    const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
    for (const block of card.blocks as Array<Record<string, unknown>>) {
      if (block.type !== "section") continue;
      const texts = [
        (block.text as { text?: string } | undefined)?.text ?? "",
        ...((block.fields ?? []) as Array<{ text: string }>).map((f) => f.text),
      ];
      for (const text of texts) {
        const ours = text.replace(
          /<@U[A-Z0-9]+>|<!date\^[^>]+>|<#C[A-Z0-9]+>/g,
          "",
        )
          .replace(/[*_:]/g, "");
        assert.ok(isInert(ours), `${hostile}: ${text}`);
      }
    }
    const reply = thread(slack, ticket).at(-1)!;
    const ours = reply.replace(/<@U[A-Z0-9]+>|<!date\^[^>]+>/g, "");
    assert.ok(isInert(ours), `${hostile}: ${reply}`);
  }
});

Deno.test("Edit…: a private request's thread names the fields, never their words", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openComplaint(slack);
  const answer = await submitEdit(slack, ticket, PEOPLE.agent, {
    summary: `${PRIVATE_TEXT} again`,
    description: PRIVATE_ANSWER,
    priority: "urgent",
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  const reply = thread(slack, ticket, PEOPLE_TRIAGE).at(-1)!;
  assert.match(
    reply,
    /edited HD-\w+: summary, description, priority High → Urgent/,
  );
  const shared = JSON.stringify(slack.workspace.messagesIn(PEOPLE_TRIAGE)) +
    JSON.stringify(slack.workspace.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!));
  assert.ok(!shared.includes(PRIVATE_TEXT), "no summary in the channel");
  assert.ok(!shared.includes(PRIVATE_ANSWER), "no details in the channel");
});
