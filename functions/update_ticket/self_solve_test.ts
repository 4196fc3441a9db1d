// Solved tickets suggested to a requester after opening a ticket, and
// "This solved it": which tickets they may be shown (never someone else's
// private one), hostile words kept inert, and the close itself (only the
// requester, once however often they click, shown everywhere a change is).
import assert from "node:assert/strict";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import { selfSolveAction } from "../../helpdesk/similar/suggestions.ts";
import { SOLVED_IT_LABEL } from "../../slack/blocks/suggestion_messages.ts";
import { statusLine } from "../../slack/blocks/ticket_card.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import {
  reportFor,
  reportFromEveryTicket,
} from "../../use_cases/reports/ticket_report.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";

function click(
  slack: FakeSlack,
  ticket: Ticket,
  person: string,
  action: string,
) {
  return clickTicket(slack, ticket.id, action, person);
}

type Block = {
  type: string;
  text?: { type: string; text: string };
  elements?: {
    type: string;
    text?: { text: string } | string;
    workflow?: {
      trigger: {
        customizable_input_parameters: { name: string; value: string }[];
      };
    };
  }[];
};

/** The suggestions DM about `opened`: its blocks, or undefined. */
function suggestionsFor(slack: FakeSlack, opened: Ticket) {
  const dm = slack.workspace.dmsTo(opened.requester).find((m) =>
    m.text.startsWith(":bulb:") && m.text.includes(opened.key)
  );
  return dm?.blocks as Block[] | undefined;
}

/** The keys suggested, in order, read from the buttons' actions. */
function suggestedKeys(blocks: Block[] | undefined): string[] {
  return (blocks ?? []).flatMap((b) =>
    (b.elements ?? []).flatMap((e) =>
      e.workflow?.trigger.customizable_input_parameters
        .filter((p) => p.name === "action")
        .map((p) => p.value.replace(/^self_solve:/, "")) ?? []
    )
  );
}

Deno.test("solved tickets suggested to the requester", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  const solved = (summary: string, changes: Partial<Ticket> = {}) =>
    openTestTicket(slack, {
      summary,
      description: "",
      status: "resolved",
      resolved_at: now - 600,
      ...changes,
    });
  const jam = await solved("Printer jams on the 3rd floor", {
    last_reply: "Hi {requester}, open tray 2 and pull the paper out.",
  });
  // Someone else's private ticket: the best match, never suggested.
  const secret = await solved("Printer jams on 3rd floor every page", {
    private: true,
    requester: PEOPLE.bystander,
    last_reply: "Secret answer",
  });
  // Their own private ticket: they saw it, so it may be suggested.
  const ownSecret = await solved("Printer floor 3 jams badly", {
    private: true,
    last_reply: "Own answer",
  });
  const hostile = await solved(`Printer 3rd floor ${HOSTILE_TEXT.join(" ")}`, {
    last_reply: `=HYPERLINK("https://evil.example") *bold* ${
      HOSTILE_TEXT.join(" ")
    }`,
  });
  const withdrawn = await solved("Printer jams 3rd floor again", {
    status: "closed",
    close_reason: "withdrawn",
  });
  await runScheduledChecks(client, now);

  let opened: Ticket;
  await t.step("opening a ticket DMs up to three it may see", async () => {
    opened = await openTestTicket(slack);
    const blocks = suggestionsFor(slack, opened);
    assert.ok(blocks, "no suggestions DM");
    const keys = suggestedKeys(blocks);
    assert.equal(keys.length, 3);
    assert.ok(keys.includes(jam.key), keys.join());
    assert.ok(keys.includes(ownSecret.key), keys.join());
    assert.ok(!keys.includes(secret.key));
    assert.ok(!keys.includes(withdrawn.key));
    const all = JSON.stringify(blocks);
    assert.ok(!all.includes("Secret answer"));
    assert.ok(!all.includes(secret.key));
    // Each with its answer, a link to its card and the button.
    // A saved reply's {requester} was someone else: never named here.
    assert.match(all, /Hi the requester, open tray 2/);
    assert.match(all, new RegExp(`\\|Open ${jam.key}>`));
    assert.ok(all.includes(SOLVED_IT_LABEL));
    // Sent after the requester was told the ticket is open.
    const dms = slack.workspace.dmsTo(opened.requester).map((m) => m.text);
    const told = dms.findIndex((d) => d.includes(`${opened.key}`));
    assert.ok(dms[told].includes("is open"), dms[told]);
    assert.ok(dms.findIndex((d) => d.startsWith(":bulb:")) > told);
  });

  await t.step("someone else's private ticket is never suggested", async () => {
    const theirs = await openTestTicket(slack, {});
    // Opened by the bystander: their own private ticket may come, the
    // requester's never.
    const asBystander = await openTestTicketFor(slack, PEOPLE.bystander);
    const keys = suggestedKeys(suggestionsFor(slack, asBystander));
    assert.ok(!keys.includes(ownSecret.key), keys.join());
    assert.ok(keys.includes(secret.key), keys.join());
    assert.ok(
      !suggestedKeys(suggestionsFor(slack, theirs)).includes(
        secret.key,
      ),
    );
  });

  await t.step("hostile words stay plain text", () => {
    const blocks = suggestionsFor(slack, opened)!;
    const mrkdwn = blocks.flatMap((b) => [
      b.text?.type === "mrkdwn" ? b.text.text : "",
      ...(b.elements ?? []).map((e) =>
        e.type === "mrkdwn" && typeof e.text === "string" ? e.text : ""
      ),
    ]).join("\n");
    // No typed word reaches mrkdwn; only the card links Helpdesk wrote.
    assert.ok(!mrkdwn.includes("evil"), mrkdwn);
    assert.ok(!mrkdwn.includes("<!channel>"), mrkdwn);
    for (const link of mrkdwn.match(/<[^>]*>/g) ?? []) {
      assert.match(
        link,
        /^<https:\/\/helpdesk-test\.slack\.com\/[^|]+\|Open HD-\w+>$/,
      );
    }
    const plain = blocks.filter((b) => b.text?.type === "plain_text")
      .map((b) => b.text!.text).join("\n");
    assert.ok(suggestedKeys(blocks).includes(hostile.key));
    {
      assert.ok(plain.includes("<!channel>"), "shown as typed, in plain text");
      assert.ok(plain.includes('=HYPERLINK("https://evil.example")'));
    }
  });

  await t.step("only the requester can say it solved theirs", async () => {
    for (const person of [PEOPLE.agent, PEOPLE.bystander]) {
      await click(slack, opened, person, selfSolveAction(jam.key));
      assert.equal((await storedTicket(slack, opened.id)).status, "new");
    }
    const told = slack.workspace.ephemerals.filter((e) =>
      e.user === PEOPLE.agent
    ).at(-1)?.text ?? "";
    assert.match(told, /Only the person who opened/);
  });

  await t.step("This solved it closes it as self-solved, once", async () => {
    const before = slack.workspace.messages.length;
    await click(slack, opened, PEOPLE.requester, selfSolveAction(jam.key));
    const closed = await storedTicket(slack, opened.id);
    assert.equal(closed.status, "closed");
    assert.equal(closed.close_reason, "self_solved");
    assert.equal(closed.resolved_at, undefined);
    // The card redrawn, the agents' thread told which answer did it.
    const card = slack.workspace.findMessage(
      closed.card_channel!,
      closed.card_ts!,
    )!;
    assert.ok(
      card.text.includes(statusLine(closed)) ||
        JSON.stringify(card.blocks).includes("solved by a suggestion"),
    );
    const thread = slack.workspace.repliesTo(
      closed.card_channel!,
      closed.card_ts!,
    ).map((m) => m.text).join("\n");
    assert.match(thread, new RegExp(`the answer of ${jam.key}`));
    const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
    assert.match(dm.text, new RegExp(`${jam.key} solved it`));
    assert.match(JSON.stringify(dm.blocks), /"Reopen"/);
    const after = slack.workspace.messages.length;
    assert.ok(after > before);

    // A second click (or the other suggestions' buttons) changes nothing.
    await click(slack, opened, PEOPLE.requester, selfSolveAction(jam.key));
    await click(slack, opened, PEOPLE.requester, selfSolveAction("HD-OTHER1"));
    const again = await storedTicket(slack, opened.id);
    assert.equal(again.updated_at, closed.updated_at);
    const newThread = slack.workspace.repliesTo(
      closed.card_channel!,
      closed.card_ts!,
    );
    assert.equal(
      newThread.filter((m) => m.text.includes("solved it")).length,
      1,
    );
    assert.match(
      slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
      /already closed: you said it was solved/,
    );
  });

  await t.step(
    "a double click at the same instant closes it once",
    async () => {
      const twice = await openTestTicket(slack);
      await Promise.all([
        click(slack, twice, PEOPLE.requester, selfSolveAction(jam.key)),
        click(slack, twice, PEOPLE.requester, selfSolveAction(jam.key)),
      ]);
      const closed = await storedTicket(slack, twice.id);
      assert.equal(closed.close_reason, "self_solved");
      const told = slack.workspace.repliesTo(
        closed.card_channel!,
        closed.card_ts!,
      ).filter((m) => m.text.includes("solved it"));
      assert.equal(told.length, 1);
    },
  );

  await t.step("the report counts the deflections per queue", async () => {
    const at = Math.floor(Date.now() / 1000) + 1;
    const period = lastDays(at, 7);
    // Read the old way and through the open work index: the same count.
    assert.deepEqual(
      (await reportFromEveryTicket(client, period, at)).deflections,
      { default: 2 },
    );
    await runScheduledChecks(client, at);
    assert.deepEqual((await reportFor(client, period, at)).deflections, {
      default: 2,
    });
  });

  await t.step("a forged action is no ticket action", async () => {
    const result = await click(
      slack,
      opened,
      PEOPLE.requester,
      "self_solve:<!channel>",
    );
    assert.match(String(result.error), /is not a ticket action/);
  });
});

/** A ticket opened by `requester` the way openTestTicket opens one. */
async function openTestTicketFor(slack: FakeSlack, requester: string) {
  const { ticket } = await openTicket(clientFor(slack), {
    summary: "Printer on 3rd floor jams",
    description: "Every second page.",
    priority: "normal",
    category: "Hardware",
    requester,
  }, "form");
  return ticket;
}
