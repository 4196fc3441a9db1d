// A merged ticket's requester follows the kept ticket: what they write in
// their message's thread reaches the kept card's thread, marked with who
// wrote it, and an agent's reply on the kept ticket reaches them too.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import updateTicket from "../update_ticket/handler.ts";
import { UPDATE_TICKET_CALLBACK_ID } from "../update_ticket/definition.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { submitPair, twoReports } from "../../dev/testing/merge_actions.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";

const SAM = PEOPLE.bystander;

Deno.test("a merged ticket's requester talks through the kept ticket", async (t) => {
  await using slack = await startFakeSlack();
  // Sam reports the same in #general; an agent turns it into a ticket.
  const { kept, sams: merged, ts } = await twoReports(slack);
  assert.equal(merged.requester, SAM);
  const answer = await submitPair(slack, "merge", merged.id, PEOPLE.agent, {
    key: kept.key,
  });
  assert.equal(answer, undefined, JSON.stringify(answer));

  await t.step("Sam's words in his thread reach the kept card", async () => {
    const said = slack.workspace.postAs(SAM, GENERAL, "It's the HP one", ts);
    const result = await handler(functionContext("requester_message", slack, {
      channel: GENERAL,
      message_ts: said.ts,
      thread_ts: ts,
    }));
    assert.equal(result.outputs?.ticket_id, kept.id);
    const line = slack.workspace.repliesTo(TRIAGE, kept.card_ts!).at(-1)!.text;
    assert.match(line, new RegExp(`<@${SAM}> wrote:\\n.*the HP one`));
    assert.ok(
      !slack.workspace.repliesTo(TRIAGE, merged.card_ts!).some((m) =>
        m.text.includes("the HP one")
      ),
      "not in the merged card's thread",
    );
  });

  await t.step(
    "one reply on the kept card reaches both requesters",
    async () => {
      const samsBefore = slack.workspace.dmsTo(SAM).length;
      const reply = await submitView(
        updateTicket,
        viewSubmissionContext(slack, {
          callbackId: "ticket_reply",
          functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
          executionId: "Fx0REPLYBOTH",
          user: PEOPLE.agent,
          privateMetadata: JSON.stringify({ ticket_id: kept.id }),
          values: {
            message: {
              message: { type: "plain_text_input", value: "New toner is in" },
            },
          },
        }),
      );
      assert.equal(reply, undefined, JSON.stringify(reply));
      const toSam = slack.workspace.dmsTo(SAM).slice(samsBefore);
      assert.equal(toSam.length, 1);
      assert.match(toSam[0].text, new RegExp(`replied about ${kept.key}`));
      assert.match(toSam[0].text, /New toner is in/);
      assert.ok(
        slack.workspace.dmsTo(PEOPLE.requester).some((m) =>
          m.text.includes("New toner is in")
        ),
      );
    },
  );
  await t.step(
    "Add to ticket from Sam's DM goes to the kept ticket too",
    async () => {
      const rileysBefore = slack.workspace.dmsTo(PEOPLE.requester).length;
      const said = await converse(
        clientFor(slack),
        merged.id,
        SAM,
        "comment",
        "Still jammed after lunch",
      );
      assert.ok(said.ok, said.ok ? "" : said.reason);
      assert.equal(said.ticket.id, kept.id);
      const line =
        slack.workspace.repliesTo(TRIAGE, kept.card_ts!).at(-1)!.text;
      assert.match(line, new RegExp(`<@${SAM}> wrote:\\n.*Still jammed`));
      // Riley's DM gets no copy of Sam's words.
      assert.equal(
        slack.workspace.dmsTo(PEOPLE.requester).length,
        rileysBefore,
      );
      // Someone who is neither requester still can't add to it.
      const stranger = await converse(
        clientFor(slack),
        kept.id,
        PEOPLE.admin,
        "comment",
        "Me too",
      );
      assert.equal(stranger.ok, false);
    },
  );
});
