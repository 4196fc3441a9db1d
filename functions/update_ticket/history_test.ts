// A card's History…: every kind of change recorded in the ticket's own item
// on the way it is saved, shown in a modal to the queue's agents (and, in
// part, to the requester), refused to anyone else, kept when the thread's
// messages are deleted, and opened within Slack's 3 s at 150 ms a call.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  clientFor,
  functionContext,
  openTestTicket,
  PEOPLE,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  COMPLAINT,
  configureQueues,
  LAPTOP,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { submitEdit, submitMove } from "../../dev/testing/edit_move_actions.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import { isInert } from "../../dev/testing/hostile_text.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { decide } from "../../use_cases/changes/approval_decision.ts";
import { receiveJsmUpdate } from "../../use_cases/jsm/jsm_inbound.ts";
import { lookupByJsmKey, putLookup } from "../../slack/storage/ticket_store.ts";
import {
  HISTORY_KEPT,
  type HistoryKind,
  withHistory,
} from "../../helpdesk/tickets/ticket_history.ts";
import { decodeEntry } from "../../helpdesk/tickets/history_view.ts";
import { cardActions } from "../../slack/blocks/card_controls.ts";
import { startFakeSlack } from "../../dev/testing/harness.ts";

function click(slack: FakeSlack, ticket: Ticket, person: string) {
  const pointer = slack.workspace.pointers.issue(
    `${crypto.randomUUID()}.pointer`,
  );
  return handler(functionContext(UPDATE_TICKET_CALLBACK_ID, slack, {
    ticket_id: ticket.id,
    action: "history",
    interactivity: {
      interactivity_pointer: pointer,
      interactor: { id: person, secret: "s" },
    },
  }));
}

const kinds = (ticket: Ticket): HistoryKind[] =>
  (ticket.history ?? []).map((e) => decodeEntry(e)!.kind);

/** The text of the last modal opened for `person`'s click. */
const lastModal = (slack: FakeSlack) =>
  JSON.stringify(slack.workspace.views.at(-1)?.view.blocks ?? []);

const toldTo = (slack: FakeSlack, user: string) =>
  slack.workspace.ephemerals.filter((e) => e.user === user).at(-1)?.text ||
  slack.workspace.dmsTo(user).at(-1)?.text || "";

Deno.test("History… on a card", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const client = clientFor(slack);
  const ticket = await openTestTicket(slack);

  await t.step("the card offers History…, closed or not", () => {
    for (const status of ["new", "closed"] as const) {
      const buttons = JSON.stringify(
        cardActions({ ...ticket, status }, { actionTriggerUrl: "https://x" }),
      );
      assert.match(buttons, /"value":"history"/);
    }
  });

  await t.step("status and assignee changes are recorded", async () => {
    const claimed = await changeTicket(
      client,
      ticket.id,
      { type: "claim" },
      PEOPLE.agent,
    );
    assert.ok(claimed.ok);
    const stored = await storedTicket(slack, ticket.id);
    assert.deepEqual(kinds(stored), ["status", "assignee"]);
    const [status, assignee] = stored.history!.map((e) => decodeEntry(e)!);
    assert.equal(status.by, PEOPLE.agent);
    assert.equal(status.from, "new");
    assert.equal(status.to, "in_progress");
    assert.equal(assignee.to, PEOPLE.agent);
  });

  await t.step(
    "an edit names the fields, hostile text kept inert",
    async () => {
      const shown = await storedTicket(slack, ticket.id);
      await submitEdit(slack, shown, PEOPLE.agent, {
        summary: '<!channel> =HYPERLINK("http://x") <@U999>',
        priority: "urgent",
        description: "secret words",
      });
      const stored = await storedTicket(slack, ticket.id);
      const edits = stored.history!.map((e) => decodeEntry(e)!)
        .filter((e) => e.kind === "edit");
      assert.deepEqual(edits.map((e) => e.field), [
        "summary",
        "priority",
        "description",
      ]);
      // That the description changed, never what it says.
      assert.ok(!JSON.stringify(stored.history).includes("secret words"));
      await click(slack, stored, PEOPLE.agent);
      const modal = slack.workspace.views.at(-1)!.view;
      const lines = JSON.stringify(modal.blocks);
      assert.match(lines, /priority \*Normal\* → \*Urgent\*/);
      for (const block of modal.blocks as { text?: { text: string } }[]) {
        for (const line of block.text?.text.split("\n") ?? []) {
          if (line.includes("HYPERLINK")) {
            assert.ok(
              isInert(line.replace(/<!date\^[^>]+>|<@UAGENTONE>/g, "")),
            );
          }
        }
      }
    },
  );

  await t.step("a move names both queues", async () => {
    await submitMove(slack, ticket.id, PEOPLE.agent, PEOPLE_QUEUE.id);
    const stored = await storedTicket(slack, ticket.id);
    assert.equal(kinds(stored).at(-1), "move");
    await click(slack, stored, ROLE_PEOPLE.owner);
    assert.match(lastModal(slack), /moved from “[^”]+” to “People team”/);
  });

  await t.step("a merge is recorded on both tickets", async () => {
    const kept = await openTestTicket(slack, { queue_id: PEOPLE_QUEUE.id });
    const dupe = await openTestTicket(slack, { queue_id: PEOPLE_QUEUE.id });
    await submitPair(slack, "merge", dupe.id, ROLE_PEOPLE.owner, {
      key: kept.key,
    });
    assert.ok(kinds(await storedTicket(slack, dupe.id)).includes("merge"));
    assert.ok(kinds(await storedTicket(slack, kept.id)).includes("merged_in"));
    await submitPair(slack, "unmerge", kept.id, ROLE_PEOPLE.owner, {
      key: dupe.key,
    });
    assert.ok(kinds(await storedTicket(slack, dupe.id)).includes("unmerge"));
    assert.ok(kinds(await storedTicket(slack, kept.id)).includes("unmerge"));
  });

  await t.step("an approval is recorded with its approver", async () => {
    const asked = await openTestTicket(slack, {
      queue_id: PEOPLE_QUEUE.id,
      request_type_id: LAPTOP.id,
      approval: "pending",
    });
    const decided = await decide(
      client,
      asked.id,
      "approve",
      ROLE_PEOPLE.superuser,
    );
    assert.ok(decided.ok, "reason" in decided ? decided.reason : "");
    const entry = (await storedTicket(slack, asked.id)).history!
      .map((e) => decodeEntry(e)!).find((e) => e.kind === "approval")!;
    assert.equal(entry.by, ROLE_PEOPLE.superuser);
    assert.equal(entry.to, "approved");
  });

  await t.step("a JSM status is recorded as coming from Jira", async () => {
    const linked = await openTestTicket(slack, {
      jsm_key: "HELP-7",
      jsm_status: "Open",
    });
    await putLookup(client, lookupByJsmKey("HELP-7"), linked.id);
    const now = Math.floor(Date.now() / 1000);
    await receiveJsmUpdate(client, { issueKey: "HELP-7", status: "Done" }, now);
    const entries = (await storedTicket(slack, linked.id)).history!
      .map((e) => decodeEntry(e)!);
    const status = entries.find((e) => e.kind === "status")!;
    assert.equal(status.by, undefined);
    assert.match(status.via ?? "", /Jira/);
    assert.ok(entries.some((e) => e.kind === "jsm" && e.to === "Done"));
  });

  await t.step(
    "a JSM status Helpdesk only notes is recorded and shown",
    async () => {
      const linked = await openTestTicket(slack, {
        jsm_key: "HELP-8",
        jsm_status: "Open",
      });
      await putLookup(client, lookupByJsmKey("HELP-8"), linked.id);
      const now = Math.floor(Date.now() / 1000);
      const hostile = 'Vendor <!channel> =HYPERLINK("http://x")';
      // Unknown to Helpdesk: noted in the thread, status unchanged.
      const unknown = await receiveJsmUpdate(
        client,
        { issueKey: "HELP-8", status: hostile },
        now,
      );
      assert.ok(unknown.ok && /noted unknown/.test(unknown.result));
      // Known, and meaning the status the ticket already has.
      const same = await receiveJsmUpdate(
        client,
        { issueKey: "HELP-8", status: "To Do" },
        now + 60,
      );
      assert.ok(same.ok && same.result === "status already matched");
      const stored = await storedTicket(slack, linked.id);
      assert.equal(stored.status, "new");
      const entries = stored.history!.map((e) => decodeEntry(e)!);
      assert.deepEqual(entries.map((e) => e.kind), ["jsm", "jsm"]);
      assert.deepEqual(
        entries.map((e) => [e.from, e.to, e.at, e.by]),
        [["Open", hostile, now, undefined], [
          hostile,
          "To Do",
          now + 60,
          undefined,
        ]],
      );
      assert.ok(entries.every((e) => /Jira/.test(e.via ?? "")));
      // A redelivery of the same status adds nothing.
      await receiveJsmUpdate(
        client,
        { issueKey: "HELP-8", status: "To Do" },
        now + 120,
      );
      assert.equal((await storedTicket(slack, linked.id)).history!.length, 2);

      await click(slack, stored, PEOPLE.agent);
      const modal = slack.workspace.views.at(-1)!.view;
      const lines = (modal.blocks as { text?: { text: string } }[])
        .flatMap((b) => b.text?.text.split("\n") ?? [])
        .filter((line) => line.includes("JSM status"));
      assert.equal(lines.length, 2);
      assert.match(
        lines[0],
        /Jira Service Management: JSM status “.+” → “To Do”/,
      );
      assert.match(lines[1], /JSM status “Open” → “.+”/);
      for (const line of lines) {
        assert.ok(isInert(line.replace(/<!date\^[^>]+>/g, "")), line);
      }
      // The requester is told of JSM's news through their ticket's status.
      await click(slack, stored, PEOPLE.requester);
      assert.doesNotMatch(lastModal(slack), /JSM status/);
    },
  );

  await t.step(
    "a JSM status noted while a change is under way keeps both",
    async () => {
      const linked = await openTestTicket(slack, {
        jsm_key: "HELP-9",
        jsm_status: "Open",
      });
      await putLookup(client, lookupByJsmKey("HELP-9"), linked.id);
      const now = Math.floor(Date.now() / 1000);
      const [claimed, noted] = await Promise.all([
        changeTicket(client, linked.id, { type: "claim" }, PEOPLE.agent),
        receiveJsmUpdate(
          client,
          { issueKey: "HELP-9", status: "Under review" },
          now,
        ),
      ]);
      assert.ok(claimed.ok);
      assert.ok(noted.ok && !noted.incomplete, JSON.stringify(noted));
      const stored = await storedTicket(slack, linked.id);
      assert.equal(stored.status, "in_progress");
      assert.equal(stored.jsm_status, "Under review");
      assert.deepEqual(kinds(stored).sort(), ["assignee", "jsm", "status"]);
    },
  );

  await t.step("deleting the thread loses nothing", async () => {
    const before = await storedTicket(slack, ticket.id);
    const thread = slack.workspace.messages.filter((m) =>
      m.thread_ts === before.card_ts && m.ts !== before.card_ts
    );
    assert.ok(thread.length > 0);
    for (const message of thread) {
      slack.workspace.messages.splice(
        slack.workspace.messages.indexOf(message),
        1,
      );
    }
    await click(slack, before, PEOPLE.agent);
    const modal = lastModal(slack);
    assert.match(modal, /status \*New\* → \*In progress\*/);
    assert.match(modal, /assigned to <@UAGENTONE>/);
  });

  await t.step(
    "the requester sees their ticket's news, not the team's",
    async () => {
      const stored = await storedTicket(slack, ticket.id);
      await click(slack, stored, PEOPLE.requester);
      const modal = lastModal(slack);
      assert.match(modal, /status \*New\* → \*In progress\*/);
      assert.doesNotMatch(modal, /assigned to/);
      assert.doesNotMatch(modal, /priority/);
      assert.match(modal, /shown to the queue's agents/);
    },
  );

  await t.step("someone else is refused and shown nothing", async () => {
    const views = slack.workspace.views.length;
    const stored = await storedTicket(slack, ticket.id);
    await click(slack, stored, PEOPLE.bystander);
    assert.equal(slack.workspace.views.length, views);
    assert.match(toldTo(slack, PEOPLE.bystander), /only the queue's agents/);
  });

  await t.step("a private ticket's history is no wider", async () => {
    const secret = await openTestTicket(slack, {
      queue_id: PEOPLE_QUEUE.id,
      request_type_id: COMPLAINT.id,
      private: true,
    });
    await changeTicket(client, secret.id, { type: "claim" }, ROLE_PEOPLE.owner);
    const views = slack.workspace.views.length;
    // An agent of another queue: the default queue's agent isn't People's.
    await click(slack, secret, PEOPLE.otherAgent);
    await click(slack, secret, PEOPLE.bystander);
    assert.equal(slack.workspace.views.length, views);
    await click(slack, secret, ROLE_PEOPLE.owner);
    assert.equal(slack.workspace.views.length, views + 1);
  });

  await t.step("opens within 3 s with Slack at 150 ms a call", async () => {
    slack.latencyMs = 150;
    try {
      const views = slack.workspace.views.length;
      const stored = await storedTicket(slack, ticket.id);
      // The fake refuses views.open with expired_trigger_id after 3 s.
      await click(slack, stored, PEOPLE.agent);
      assert.equal(slack.workspace.views.length, views + 1);
    } finally {
      slack.latencyMs = 0;
    }
  });
});

Deno.test("history stays bounded", () => {
  let ticket = { id: "T1", status: "new", history: [] } as unknown as Ticket;
  for (let i = 0; i < HISTORY_KEPT + 7; i++) {
    const next = { ...ticket, status: i % 2 ? "new" : "in_progress" } as Ticket;
    ticket = withHistory(ticket, next, { by: "U1", at: 1_700_000_000 + i });
  }
  assert.equal(ticket.history!.length, HISTORY_KEPT);
  assert.equal(ticket.history_dropped, 7);
  assert.equal(decodeEntry(ticket.history!.at(-1)!)!.at, 1_700_000_000 + 56);
  // Far below DynamoDB's 400 KB item limit even with the longest values.
  const longest = withHistory(
    { ...ticket, summary: "x" },
    { ...ticket, summary: "é".repeat(5000), category: "y".repeat(5000) },
    { by: "U1", via: "z".repeat(5000), at: 1 },
  );
  const bytes = new TextEncoder().encode(JSON.stringify(longest.history))
    .length;
  assert.ok(bytes < 30_000, `${bytes} bytes`);
});
