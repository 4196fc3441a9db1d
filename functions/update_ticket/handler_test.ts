import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "./definition.ts";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  closeView,
  submitView,
  viewClosedContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { buttonsOf } from "../../dev/testing/blocks_read.ts";
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";

function click(
  slack: FakeSlack,
  ticket: Ticket,
  action: string,
  actor: string,
) {
  return clickTicket(slack, ticket.id, action, actor);
}

function ephemeralsFor(slack: FakeSlack, user: string) {
  return slack.workspace.ephemerals.filter((e) => e.user === user);
}

function cardOf(slack: FakeSlack, ticket: Ticket) {
  return slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
}

Deno.test("update_ticket: an agent's click changes the ticket everywhere", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);

  await t.step(
    "claim: card redrawn, thread reply, requester told",
    async () => {
      const result = await click(slack, ticket, "claim", PEOPLE.agent);
      assert.equal(result.outputs?.status, "in_progress");
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.assignee, PEOPLE.agent);
      assert.equal(saved.status, "in_progress");
      assert.ok(saved.first_response_at! >= ticket.created_at);

      const card = JSON.stringify(cardOf(slack, ticket).blocks);
      assert.ok(card.includes(`*Assignee*\\n<@${PEOPLE.agent}>`));
      assert.ok(card.includes("In progress"));
      const [reply] = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
      assert.match(
        reply.text,
        new RegExp(`<@${PEOPLE.agent}> claimed ${ticket.key}`),
      );
      assert.match(reply.text, /<!date\^\d+\^/);
      const dms = slack.workspace.dmsTo(PEOPLE.requester);
      assert.match(dms.at(-1)!.text, /is being worked on/);
    },
  );

  await t.step("first response time is kept on later actions", async () => {
    const before = await storedTicket(slack, ticket.id);
    await click(slack, ticket, "wait", PEOPLE.otherAgent);
    const after = await storedTicket(slack, ticket.id);
    assert.equal(after.status, "waiting_on_requester");
    assert.equal(after.first_response_at, before.first_response_at);
  });

  await t.step(
    "resolve by a user-group agent; the requester closes it",
    async () => {
      await click(slack, ticket, "resolve", PEOPLE.groupAgent);
      assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
      const dmsBefore = slack.workspace.dmsTo(PEOPLE.requester).length;
      const closed = await click(slack, ticket, "close", PEOPLE.requester);
      assert.equal(closed.outputs?.status, "closed");
      const saved = await storedTicket(slack, ticket.id);
      assert.ok(saved.closed_at);
      // The requester's own change is confirmed in their DM, with the one
      // thing left to do: reopen it for a while.
      const dms = slack.workspace.dmsTo(PEOPLE.requester);
      assert.equal(dms.length, dmsBefore + 1);
      assert.match(dms.at(-1)!.text, /^:ticket: You closed <[^|]+\|HD-/);
      assert.deepEqual(buttonsOf(dms.at(-1)!), ["requester_reopen"]);
      // Nothing is left to change; who changed what can still be read.
      const card = cardOf(slack, ticket);
      const actions = card.blocks!.filter((b) =>
        (b as { type: string }).type === "actions"
      ) as { elements: { action_id: string }[] }[];
      assert.deepEqual(
        actions.flatMap((a) => a.elements.map((e) => e.action_id)),
        ["ticket_history"],
      );
    },
  );

  await t.step(
    "an invalid transition is explained and changes nothing",
    async () => {
      slack.clearCalls();
      await click(slack, ticket, "start", PEOPLE.agent);
      assert.match(
        ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text,
        /closed tickets stay closed/,
      );
      assert.equal(slack.callsTo("chat.update").length, 0);
      assert.equal(ticketWrites(slack), 0);
    },
  );
});

// Who may do what, through the real handler: one fresh ticket per case.
const MATRIX: Array<[string, string, Status, boolean]> = [];
const ACTIONS: Array<[string, Status]> = [
  ["claim", "new"],
  ["start", "new"],
  ["wait", "in_progress"],
  ["resolve", "in_progress"],
  ["close", "resolved"],
  ["reopen", "resolved"],
];
for (const [action, from] of ACTIONS) {
  MATRIX.push(["agent", action, from, true]);
  MATRIX.push(["groupAgent", action, from, true]);
  MATRIX.push([
    "requester",
    action,
    from,
    action === "close" || action === "reopen",
  ]);
  MATRIX.push(["bystander", action, from, false]);
}
// Withdrawing is the requester's alone.
for (const from of ["new", "in_progress", "waiting_on_requester"] as const) {
  MATRIX.push(["requester", "withdraw", from, true]);
  MATRIX.push(["agent", "withdraw", from, false]);
  MATRIX.push(["bystander", "withdraw", from, false]);
}

Deno.test("update_ticket: roles × actions", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  for (const [role, action, from, allowed] of MATRIX) {
    await t.step(
      `${role} ${action} (${from}) → ${allowed ? "done" : "refused"}`,
      async () => {
        const actor = PEOPLE[role as keyof typeof PEOPLE];
        const ticket = await openTestTicket(slack, { status: from });
        await click(slack, ticket, action, actor);
        const after = await storedTicket(slack, ticket.id);
        if (allowed) {
          assert.notEqual(
            after.status === from && after.assignee === ticket.assignee,
            true,
          );
          assert.equal(ephemeralsFor(slack, actor).length, 0);
        } else {
          assert.deepEqual(after, ticket);
          assert.equal(slack.callsTo("chat.update").length, 0);
          // Agents and bystanders where they clicked; the requester in
          // their DM, where their buttons are.
          const told = role === "requester"
            ? slack.workspace.dmsTo(actor).at(-1)!
            : ephemeralsFor(slack, actor)[0];
          if (role !== "requester") assert.equal(told.channel, TRIAGE);
          assert.match(
            told.text,
            action === "withdraw"
              ? /^Only the person who opened HD-\w+ can withdraw it\./
              : /Only Helpdesk agents/,
          );
        }
        slack.workspace.ephemerals.length = 0;
      },
    );
  }
});

Deno.test("update_ticket: Assign to… opens a picker and assigns on submit", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const submission = (assignee: string, user = PEOPLE.agent) =>
    submitView(
      handler,
      viewSubmissionContext(slack, {
        callbackId: ASSIGN_VIEW_CALLBACK_ID,
        functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
        executionId: "Fx0ASSIGN",
        user,
        privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
        values: {
          assignee: {
            assignee: { type: "users_select", selected_user: assignee },
          },
        },
      }),
    );

  await t.step(
    "an agent's click opens the modal and leaves the run open",
    async () => {
      const result = await click(slack, ticket, "assign", PEOPLE.agent);
      assert.deepEqual(result, { completed: false });
      const [open] = slack.callsTo("views.open");
      assert.equal(open.args.interactivity_pointer, "1234.5678.pointer");
      assert.equal(
        (open.args.view as { callback_id: string }).callback_id,
        ASSIGN_VIEW_CALLBACK_ID,
      );
    },
  );

  await t.step("a non-agent assignee is refused inside the modal", async () => {
    const response = await submission(PEOPLE.bystander);
    assert.equal(response?.response_action, "errors");
    assert.match(response.errors.assignee, /not a Helpdesk agent/);
    assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
    assert.equal(slack.callsTo("functions.completeSuccess").length, 0);
  });

  await t.step("an agent assignee is saved and the run completes", async () => {
    const response = await submission(PEOPLE.otherAgent);
    assert.equal(response, undefined);
    assert.equal(
      (await storedTicket(slack, ticket.id)).assignee,
      PEOPLE.otherAgent,
    );
    const [done] = slack.callsTo("functions.completeSuccess");
    assert.equal(done.args.function_execution_id, "Fx0ASSIGN");
    assert.match(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!.text,
      new RegExp(`assigned ${ticket.key} to <@${PEOPLE.otherAgent}>`),
    );
  });

  await t.step("a datastore failure is shown under the picker", async () => {
    slack.fail({ method: "apps.datastore.get", error: "datastore_error" });
    const response = await submission(PEOPLE.otherAgent);
    assert.equal(response?.response_action, "errors");
    assert.match(
      response.errors.assignee,
      /apps\.datastore\.get \(datastore_error\)/,
    );
  });

  await t.step(
    "closing the modal completes the run and changes nothing",
    async () => {
      slack.clearCalls();
      await closeView(
        handler,
        viewClosedContext(slack, {
          callbackId: ASSIGN_VIEW_CALLBACK_ID,
          functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
          executionId: "Fx0CLOSED",
          user: PEOPLE.agent,
        }),
      );
      assert.equal(
        slack.callsTo("functions.completeSuccess")[0].args
          .function_execution_id,
        "Fx0CLOSED",
      );
      assert.equal(ticketWrites(slack), 0);
    },
  );

  await t.step("a bystander gets no modal, only an explanation", async () => {
    slack.clearCalls();
    const result = await click(slack, ticket, "assign", PEOPLE.bystander);
    assert.equal(result.completed, undefined);
    assert.equal(slack.callsTo("views.open").length, 0);
    assert.match(
      ephemeralsFor(slack, PEOPLE.bystander)[0].text,
      /Only Helpdesk agents can assign/,
    );
  });
});

Deno.test("update_ticket: failures are explained, saved work is not undone", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);

  await t.step("an unknown ticket", async () => {
    await click(slack, { id: "NOPE" } as Ticket, "claim", PEOPLE.agent);
    // No card to point at, so the clicker hears it by DM.
    assert.match(
      slack.workspace.dmsTo(PEOPLE.agent).at(-1)!.text,
      /no longer exists/,
    );
  });

  await t.step(
    "the card can't be redrawn after the change was saved",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({ method: "chat.update", error: "is_inactive" });
      await click(slack, ticket, "claim", PEOPLE.agent);
      assert.equal(
        (await storedTicket(slack, ticket.id)).assignee,
        PEOPLE.agent,
      );
      // Archived: the card can't be redrawn later either, so it is said so,
      // and never to try again (that would repeat the change).
      const told = ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text;
      assert.match(
        told,
        /is saved, but Slack didn't show all of it: Helpdesk won't retry, so tell whoever must know\. Doing it again would repeat it\./,
      );
      assert.doesNotMatch(told, /try again/i);
    },
  );

  await t.step(
    "a card deleted since: never said to be redrawn later",
    async () => {
      const ticket = await openTestTicket(slack);
      // chat.update's answer for a message that is gone: no redraw, now or
      // later, can show the change there (docs.slack.dev/reference/
      // methods/chat.update).
      slack.fail({ method: "chat.update", error: "message_not_found" });
      await click(slack, ticket, "claim", PEOPLE.agent);
      assert.equal(
        (await storedTicket(slack, ticket.id)).assignee,
        PEOPLE.agent,
      );
      const told = ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text;
      assert.match(told, /Helpdesk won't retry, so tell whoever must know/);
      assert.doesNotMatch(told, /within 15 minutes/);
    },
  );

  await t.step(
    "a thread line Slack refuses for now: said to come later, nothing to do",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "chat.postMessage",
        error: "internal_error",
        when: (args) => args.thread_ts === ticket.card_ts,
      });
      await click(slack, ticket, "claim", PEOPLE.agent);
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.assignee, PEOPLE.agent);
      assert.equal(stored.outbox?.length, 1, "the line is kept");
      const told = ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text;
      assert.match(
        told,
        /is saved, but Slack didn't show all of it: Helpdesk shows the rest within 15 minutes\. Doing it again would repeat it\./,
      );
      assert.doesNotMatch(told, /try again/i);
    },
  );

  await t.step(
    "a line kept for later and a DM refused for good: not all said to come",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "chat.postMessage",
        error: "internal_error",
        when: (args) => args.thread_ts === ticket.card_ts,
      });
      slack.fail({
        method: "chat.postMessage",
        error: "account_inactive",
        when: (args) => args.channel === PEOPLE.requester,
      });
      await click(slack, ticket, "claim", PEOPLE.agent);
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.outbox?.length, 1, "the line is kept");
      // The requester's DM never arrives: nothing shows it later.
      const told = ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text;
      assert.match(told, /Helpdesk won't retry, so tell whoever must know/);
    },
  );

  await t.step(
    "a card Slack can't redraw for now: redrawn later, nothing to do",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({ method: "chat.update", error: "ratelimited" });
      await click(slack, ticket, "claim", PEOPLE.agent);
      assert.equal(
        (await storedTicket(slack, ticket.id)).card_redraw_due,
        true,
      );
      const told = ephemeralsFor(slack, PEOPLE.agent).at(-1)!.text;
      assert.match(told, /Helpdesk shows the rest within 15 minutes/);
      assert.doesNotMatch(told, /try again/i);
    },
  );

  await t.step(
    "the datastore is down: the clicker is told, nothing is shown",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "apps.datastore.put",
        when: (args) => args.datastore === "tickets",
        error: "datastore_error",
      });
      const result = await click(slack, ticket, "claim", PEOPLE.agent);
      assert.match(result.error!, /apps\.datastore\.put \(datastore_error\)/);
      assert.equal(slack.callsTo("chat.update").length, 0);
      assert.equal((await storedTicket(slack, ticket.id)).assignee, undefined);
    },
  );
});

/** Writes to tickets (the lock's own bookkeeping is not a change). */
function ticketWrites(slack: FakeSlack): number {
  return [
    ...slack.callsTo("apps.datastore.put"),
    ...slack.callsTo("apps.datastore.update"),
    ...slack.callsTo("apps.datastore.bulkPut"),
  ].filter((c) => c.args.datastore === "tickets").length;
}
