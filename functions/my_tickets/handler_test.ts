import assert from "node:assert/strict";
import { listTest, readListsFrom } from "../../dev/testing/list_sources.ts";
import handler from "./handler.ts";
import { MY_TICKETS_CALLBACK_ID } from "./definition.ts";
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
import { ModalSession } from "../../dev/testing/modal_session.ts";
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import {
  callsOf,
  failCall,
  stepAtEachCall,
} from "../../dev/testing/failure_injection.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

function myTickets(slack: FakeSlack, user: string) {
  return ModalSession.start(slack, handler, MY_TICKETS_CALLBACK_ID, user);
}

/** A ticket written straight to the datastore (no card, no DM). */
async function stored(slack: FakeSlack, n: number, extra: Partial<Ticket>) {
  const ticket = sampleTicket({
    id: `01MINE${String(n).padStart(4, "0")}`,
    key: `HD-M${String(n).padStart(5, "0")}`,
    summary: `Ticket number ${n}`,
    requester: PEOPLE.requester,
    created_at: now() - 1000 + n,
    updated_at: now() - 1000 + n,
    ...extra,
  });
  await putTicket(clientFor(slack), ticket);
  return ticket;
}

/** The rows the modal shows, as text, one a ticket. */
function rows(view: Record<string, unknown>): string[] {
  return ((view.blocks ?? []) as Array<
    { block_id?: string; text?: { text: string } }
  >)
    .filter((b) => b.block_id?.startsWith("ticket_"))
    .map((b) => b.text!.text);
}

listTest(
  "My tickets: the person's open and recent tickets, and nobody else's",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const open = await openTestTicket(slack, {});
    const resolved = await stored(slack, 1, {
      status: "resolved",
      assignee: PEOPLE.agent,
      resolved_at: now() - 60,
      requester_thread: "D0REQ:1700000001.000100",
    });
    const lately = await stored(slack, 2, {
      status: "closed",
      closed_at: now() - 3 * DAY,
      updated_at: now() - 3 * DAY,
    });
    await stored(slack, 3, {
      status: "closed",
      closed_at: now() - 40 * DAY,
      updated_at: now() - 40 * DAY,
    });
    await stored(slack, 4, { requester: PEOPLE.bystander });

    const session = await myTickets(slack, PEOPLE.requester);
    assert.deepEqual(session.started, { completed: false });
    const shown = rows(session.view);
    assert.equal(shown.length, 3);
    assert.match(
      shown[0],
      new RegExp(`^\\*${open.key}\\* · Printer on 3rd floor jams`),
    );
    assert.match(shown[0], /:new: New · nobody has it yet · updated <!date\^/);
    // No conversation yet: it starts with an agent's first reply.
    assert.doesNotMatch(shown[0], /your conversation/);
    // Their side of the conversation, where there is one.
    assert.match(
      shown[1],
      /<https:\/\/helpdesk-test\.slack\.com\/archives\/D0REQ\/p1700000001000100\|your conversation>/,
    );
    assert.match(
      shown[1],
      new RegExp(`${resolved.key}.*with <@${PEOPLE.agent}>`, "s"),
    );
    assert.match(shown[2], new RegExp(lately.key));
    assert.doesNotMatch(shownText(session.view), /HD-M00003|HD-M00004/);
    assert.deepEqual(buttonsOf(session.view), [
      "my_tickets_withdraw",
      "my_tickets_close",
      "my_tickets_reopen",
      "my_tickets_reopen",
    ]);
    await session.close();
    const done = slack.callsTo("functions.completeSuccess").at(-1)!;
    assert.equal(done.args.function_execution_id, session.executionId);
  },
);

listTest(
  "My tickets: Withdraw closes it as withdrawn, everywhere, and redraws the list",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    await session.click("my_tickets_withdraw", ticket.id);
    const after = await storedTicket(slack, ticket.id);
    assert.equal(after.status, "closed");
    assert.equal(after.close_reason, "withdrawn");
    assert.match(
      shownText(session.view),
      new RegExp(`${ticket.key} is withdrawn`),
    );
    assert.deepEqual(buttonsOf(session.view), ["my_tickets_reopen"]);
    const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
    assert.match(shownText(card), /Closed · withdrawn by the requester/);
    assert.match(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!.text,
      new RegExp(`<@${PEOPLE.requester}> withdrew ${ticket.key}`),
    );
    assert.match(
      slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
      /You withdrew/,
    );

    // Changed their mind: Reopen, from the same list.
    await session.click("my_tickets_reopen", ticket.id);
    assert.equal((await storedTicket(slack, ticket.id)).status, "new");
    assert.deepEqual(buttonsOf(session.view), ["my_tickets_withdraw"]);
  },
);

listTest(
  "My tickets: a forged action id names no inherited property",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    for (
      const forged of [
        "my_tickets_constructor",
        "my_tickets___proto__",
        "my_tickets_toString",
        "my_tickets_hasOwnProperty",
      ]
    ) {
      await session.click(forged, ticket.id);
      assert.doesNotMatch(shownText(session.view), /function|native code/);
      assert.doesNotMatch(shownText(session.view), /Only Helpdesk agents/);
    }
    assert.equal((await storedTicket(slack, ticket.id)).status, "new");
  },
);

listTest(
  "My tickets: a forged click on someone else's ticket changes nothing",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const theirs = await openTestTicket(slack, {});
    for (const person of [PEOPLE.bystander, PEOPLE.agent]) {
      const session = await myTickets(slack, person);
      assert.equal(rows(session.view).length, 0);
      await session.clickWith({
        action_id: "my_tickets_withdraw",
        value: theirs.id,
      });
      assert.match(
        shownText(session.view),
        /:warning: Only the person who opened HD-\w+ can withdraw it/,
      );
      for (const action of ["close", "reopen"]) {
        await session.clickWith({
          action_id: `my_tickets_${action}`,
          value: theirs.id,
        });
      }
      // The bystander is refused outright; the agent (who may reopen or
      // close a ticket once it is resolved) by the ticket's status.
      assert.match(
        shownText(session.view),
        person === PEOPLE.bystander
          ? /:warning: Only Helpdesk agents and the person who opened HD-\w+ can reopen it/
          : /:warning: HD-\w+ is not resolved or closed/,
      );
      assert.deepEqual(await storedTicket(slack, theirs.id), theirs);
      // Nothing the list says comes from the ticket they don't own.
      assert.doesNotMatch(shownText(session.view), /Printer/);
    }
    // Not a ticket at all, or not an action: ignored.
    const session = await myTickets(slack, PEOPLE.bystander);
    await session.clickWith({
      action_id: "my_tickets_delete",
      value: theirs.id,
    });
    await session.clickWith({
      action_id: "my_tickets_withdraw",
      value: "nope",
    });
    assert.match(shownText(session.view), /no longer exists/);
    assert.deepEqual(await storedTicket(slack, theirs.id), theirs);
  },
);

listTest(
  "My tickets: pages of 20, each within a modal's limits",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    for (let n = 0; n < 45; n++) await stored(slack, n, { status: "new" });
    const session = await myTickets(slack, PEOPLE.requester);
    const seen: string[] = [];
    const pages: number[] = [];
    for (;;) {
      const shown = rows(session.view);
      pages.push(shown.length);
      seen.push(...shown.map((r) => r.slice(1, 10)));
      assert.ok((session.view.blocks as unknown[]).length <= 100);
      if (!buttonsOf(session.view).includes("my_tickets_page_next")) break;
      await session.click("my_tickets_page_next");
    }
    assert.deepEqual(pages, [20, 20, 5]);
    assert.equal(new Set(seen).size, 45);
    assert.match(shownText(session.view), /page 3 of 3/);
    await session.click("my_tickets_page_previous");
    assert.match(shownText(session.view), /page 2 of 3/);
  },
);

listTest(
  "My tickets: what people typed is shown as text",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    for (const [n, summary] of HOSTILE_TEXT.entries()) {
      await stored(slack, n, { summary });
    }
    const session = await myTickets(slack, PEOPLE.requester);
    for (const row of rows(session.view)) {
      const summary = row.split("\n")[0].replace(/^\*HD-M\d+\* · /, "");
      assert.doesNotMatch(summary, /[<>]/, row);
    }
  },
);

listTest(
  "My tickets: without a person from Slack, nothing opens",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const result = await handler(
      functionContext(MY_TICKETS_CALLBACK_ID, slack, {
        interactivity: {
          interactivity_pointer: "1234.5678.pointer",
          interactor: { id: "<!channel>", secret: "s" },
        },
      }),
    );
    assert.match(String(result.error), /needs to know who is acting/);
    assert.equal(slack.callsTo("views.open").length, 0);
  },
);

listTest(
  "My tickets: after Withdraw or Reopen, a stale read never redraws the ticket as it was",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    // Every read answers the version before the newest write (DynamoDB's
    // eventually consistent reads, at their worst).
    slack.staleReads = { windowMs: 60_000, chance: 1 };
    await session.click("my_tickets_withdraw", ticket.id);
    assert.equal((await storedTicket(slack, ticket.id)).status, "closed");
    assert.match(shownText(session.view), /is withdrawn/);
    assert.match(rows(session.view)[0], /Closed/);
    assert.deepEqual(buttonsOf(session.view), ["my_tickets_reopen"]);

    // Later, once every replica has caught up, the person reopens it.
    slack.settleReads();
    await session.click("my_tickets_reopen", ticket.id);
    assert.equal((await storedTicket(slack, ticket.id)).status, "new");
    assert.match(shownText(session.view), /is reopened/);
    assert.match(rows(session.view)[0], /New/);
    assert.deepEqual(buttonsOf(session.view), ["my_tickets_withdraw"]);
  },
);

listTest(
  "My tickets: a ticket merged meanwhile says where it went, and so does Withdraw",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    // An agent merges it into another requester's ticket while the list
    // is open (as mergeTickets leaves it).
    const merged: Ticket = {
      ...ticket,
      status: "closed",
      close_reason: "duplicate",
      closed_at: now(),
      updated_at: now(),
      merged_into: "01KEPT",
      merged_into_key: "HD-KEPT1",
    };
    await putTicket(clientFor(slack), merged);
    await session.click("my_tickets_withdraw", ticket.id);
    assert.equal(
      (await storedTicket(slack, ticket.id)).close_reason,
      "duplicate",
    );
    const [notice] = shownText(session.view).match(/:warning:[^"]*/) ?? [""];
    assert.match(notice, /merged into HD-KEPT1/);
    assert.match(rows(session.view)[0], /merged into \*HD-KEPT1\*/);
  },
);

listTest(
  "My tickets: a change whose list can't be redrawn is still told, with the list gone",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    // Reading the list fails from now on (the change itself reads by id).
    slack.fail({
      method: "apps.datastore.query",
      error: "internal_error",
      times: Infinity,
    });
    await session.click("my_tickets_withdraw", ticket.id);
    assert.equal((await storedTicket(slack, ticket.id)).status, "closed");
    const text = shownText(session.view);
    assert.match(text, /is withdrawn/);
    assert.match(text, /could not be shown/);
    // No line left over from before the change, and no button on it.
    assert.deepEqual(rows(session.view), []);
    assert.deepEqual(buttonsOf(session.view), []);
  },
);

listTest(
  "My tickets: Withdraw clicked twice at once withdraws once, and neither redraw shows it open",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    slack.staleReads = { windowMs: 60_000, chance: 1 };
    const views: string[] = [];
    slack.onCall((call) => {
      if (call.method === "views.update") {
        views.push(JSON.stringify(call.args.view));
      }
    });
    await Promise.all([
      session.click("my_tickets_withdraw", ticket.id),
      session.click("my_tickets_withdraw", ticket.id),
    ]);
    assert.equal((await storedTicket(slack, ticket.id)).status, "closed");
    const withdrew = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
      .filter((m) => /withdrew/.test(m.text ?? ""));
    assert.equal(withdrew.length, 1);
    assert.equal(views.length, 2);
    for (const view of views) {
      assert.match(view, /is withdrawn|is already closed|try again/, view);
      assert.doesNotMatch(view, /my_tickets_withdraw/, view);
    }
  },
);

Deno.test("My tickets: Withdraw with a failure at any call tells what happened", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  await readListsFrom(slack, "the open work index");
  const attempt = async () => {
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    return { ticket, session };
  };
  const clean = await attempt();
  const calls = await callsOf(
    slack,
    () => clean.session.click("my_tickets_withdraw", clean.ticket.id),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const { ticket, session } = await attempt();
    failCall(slack, index, mode);
    await session.click("my_tickets_withdraw", ticket.id).catch(() => {});
    slack.clearFailures();
    const closed = (await storedTicket(slack, ticket.id)).status === "closed";
    const [notice] = shownText(session.view).match(
      /"[^"]*(:white_check_mark:|:warning:)[^"]*"/,
    ) ?? [""];
    // Withdrawn: never "nothing changed"; still open: never "withdrawn".
    if (closed) assert.doesNotMatch(notice, /Nothing changed/, label);
    else assert.doesNotMatch(notice, /is withdrawn/, label);
    // And its line, if shown, is never the ticket as it was.
    const line = rows(session.view).find((r) => r.includes(ticket.key));
    if (line) {
      assert.match(line, closed ? /Closed|maybe not shown/ : /New/, label);
    }
  });
});

listTest(
  "My tickets: a request waiting for approval, or denied, says so",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const waiting = await stored(slack, 1, { approval: "pending" });
    const denied = await stored(slack, 2, {
      status: "closed",
      approval: "denied",
      closed_at: now() - 60,
      updated_at: now() - 60,
    });
    const withdrawn = await stored(slack, 3, {
      status: "closed",
      close_reason: "withdrawn",
      approval: "pending",
      closed_at: now() - 60,
    });
    const session = await myTickets(slack, PEOPLE.requester);
    const line = (key: string) =>
      rows(session.view).find((r) => r.includes(key)) ?? "";
    assert.match(line(waiting.key), /Waiting for approval/);
    assert.match(line(denied.key), /Closed · denied/);
    // Withdrawn while it waited: closed, not waiting.
    assert.match(line(withdrawn.key), /Closed · withdrawn by the requester/);
  },
);

listTest(
  "My tickets: a withdrawal whose thread line Slack refuses for now says it comes later",
  async (startSlack) => {
    await using slack = await startSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack, {});
    const session = await myTickets(slack, PEOPLE.requester);
    slack.fail({
      method: "chat.postMessage",
      error: "internal_error",
      when: (args) => args.thread_ts === ticket.card_ts,
    });
    await session.click("my_tickets_withdraw", ticket.id);
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.status, "closed");
    assert.equal(saved.outbox?.length, 1, "the line is kept");
    const shown = shownText(session.view);
    assert.match(
      shown,
      /is withdrawn\. .* is saved, but Slack didn't show all of it: Helpdesk shows the rest within 15 minutes\. Doing it again would repeat it\./,
    );
    assert.doesNotMatch(shown, /try again/i);
  },
);
