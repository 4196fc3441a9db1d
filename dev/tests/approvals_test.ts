// A request that needs approval, from the approvers' DM to the triage
// channel (approved) or to a closed ticket (denied), on the fake Slack.
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import {
  click,
  LAPTOP_TEXT,
  openLaptop,
  submitDenial,
} from "../testing/queue_actions.ts";

const SUPER = ROLE_PEOPLE.superuser;

Deno.test("approvals", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ws = slack.workspace;

  await t.step(
    "the request goes to the approvers first, not to triage",
    async () => {
      const ticket = await openLaptop(slack);
      assert.equal(ticket.approval, "pending");
      assert.equal(ticket.card_ts, undefined);
      assert.ok(
        !ws.messagesIn(PEOPLE_TRIAGE).some((m) => m.text.includes(ticket.key)),
      );
      assert.ok(
        !ws.messagesIn(TRIAGE).some((m) => m.text.includes(ticket.key)),
      );
      // Approvers default to ${superusers}.
      const dm = ws.dmsTo(SUPER).at(-1)!;
      const blocks = JSON.stringify(dm.blocks);
      assert.match(blocks, /request_approve/);
      assert.match(blocks, /request_deny/);
      assert.match(blocks, /Start date/);
      assert.match(
        ws.dmsTo(PEOPLE.requester).at(-1)!.text,
        /needs approval first/,
      );
      // The service-level clock waits with it.
      assert.equal(ticket.holds?.[0].end, undefined);
    },
  );

  await t.step(
    "approved: recorded, shown on the card, told, in triage",
    async () => {
      const ticket = await openLaptop(slack);
      const result = await click(slack, ticket.id, "approve", SUPER);
      assert.equal(result.error, undefined);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.approval, "approved");
      assert.equal(saved.approval_by, SUPER);
      assert.ok(saved.approval_at! >= ticket.created_at);
      assert.ok(saved.holds?.every((h) => h.end !== undefined));
      const card = ws.findMessage(PEOPLE_TRIAGE, saved.card_ts!)!;
      assert.equal(saved.card_channel, PEOPLE_TRIAGE);
      assert.match(JSON.stringify(card.blocks), /Approved by <@USUPER>/);
      const told = ws.dmsTo(PEOPLE.requester).at(-1)!.text;
      assert.match(told, /<@USUPER> approved your request/);
      assert.match(told, /archives\/CPEOPLETRIAGE/);
      // The approvers' DM now says who decided and has no buttons.
      const dm = ws.findMessage(...dmOf(saved.approval_messages![0]))!;
      assert.doesNotMatch(JSON.stringify(dm.blocks), /request_approve/);
      assert.match(JSON.stringify(dm.blocks), /Approved by <@USUPER>/);
      // Agents can work it now.
      await click(slack, ticket.id, "claim", ROLE_PEOPLE.member);
      assert.equal(
        (await storedTicket(slack, ticket.id)).assignee,
        ROLE_PEOPLE.member,
      );
    },
  );

  await t.step("a second click can't decide again", async () => {
    const ticket = await openLaptop(slack);
    await click(slack, ticket.id, "approve", SUPER);
    const cards = ws.messagesIn(PEOPLE_TRIAGE).length;
    await click(slack, ticket.id, "approve", SUPER);
    await submitDenial(slack, ticket.id, SUPER, "Changed my mind");
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.approval, "approved");
    assert.equal(saved.status, "new");
    assert.equal(ws.messagesIn(PEOPLE_TRIAGE).length, cards, "no second card");
    assert.match(ws.dmsTo(SUPER).at(-1)!.text, /already approved by <@USUPER>/);
    // Deny's modal says so too, without opening.
    const views = ws.views.length;
    await click(slack, ticket.id, "deny", SUPER);
    assert.equal(ws.views.length, views);
  });

  await t.step(
    "denied: asks why, closes with the reason, tells the requester",
    async () => {
      const ticket = await openLaptop(slack);
      await click(slack, ticket.id, "deny", SUPER);
      const modal = ws.views.at(-1)!;
      assert.equal(modal.view.callback_id, "deny_request");
      const empty = await submitDenial(slack, ticket.id, SUPER, "  ");
      assert.equal(empty.response_action, "errors");
      assert.equal((await storedTicket(slack, ticket.id)).approval, "pending");
      await submitDenial(slack, ticket.id, SUPER, "No budget until January");
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.approval, "denied");
      assert.equal(saved.status, "closed");
      assert.equal(saved.approval_reason, "No budget until January");
      assert.equal(
        saved.card_ts,
        undefined,
        "denied requests never reach triage",
      );
      const told = ws.dmsTo(PEOPLE.requester).at(-1)!.text;
      assert.match(told, /<@USUPER> denied your request/);
      assert.match(told, /No budget until January/);
      assert.ok(
        !ws.messagesIn(PEOPLE_TRIAGE).some((m) =>
          m.text.includes(LAPTOP_TEXT) && m.text.includes(ticket.key)
        ),
      );
    },
  );
});

function dmOf(where: string): [string, string] {
  const [channel, ts] = where.split(":");
  return [channel, ts];
}
