// A message kept on a ticket for the scheduled check (Slack refused it for
// a passing reason: slack/workspace/outbox.ts) that names the person being
// erased, or goes to them, is part of what the erasure removes: otherwise
// the receipt says "done" while their words wait on the ticket, and the
// next check delivers them.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import { getErasure } from "../../slack/storage/erasure_store.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { requestErasure } from "../settings/erasure_request.ts";

const now = Math.floor(Date.now() / 1000);
const R = PEOPLE.agent; // the person erased: an agent who replied
const B = PEOPLE.requester;

Deno.test("an erased person's kept messages go with the rest of them", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const client = clientFor(slack);
  const ticket = await openTestTicket(slack, {
    requester: B,
    assignee: R,
    status: "in_progress",
    writers: [R],
  });
  // R's reply, refused on its way to B's DM, kept for the next check; and
  // someone else's line for the thread, which stays.
  const theirs = {
    channel: B,
    text:
      `:speech_balloon: <@${R}> replied about ${ticket.key}:\n> Try the blue cable`,
  };
  const other = {
    channel: ticket.card_channel!,
    thread_ts: ticket.card_ts!,
    text: `:inbox_tray: <@${B}> wrote:\n> thanks`,
  };
  await updateTicketFields(client, ticket.id, {
    outbox: [JSON.stringify(theirs), JSON.stringify(other)],
    outbox_due: true,
  });
  // Slack keeps refusing B's DM while the erasure runs.
  slack.fail({
    method: "chat.postMessage",
    status: 500,
    error: "internal_error",
    times: Infinity,
    when: (args) => args.channel === B,
  });
  await requestErasure(client, PEOPLE.admin, R, now);
  for (let i = 0; i < 12; i++) {
    await run(slack, now + i * 900);
    if ((await getErasure(client, R))?.stage === "done") break;
  }
  assert.equal((await getErasure(client, R))?.stage, "done");
  const erased = await storedTicket(slack, ticket.id);
  assert.ok(
    !(erased.outbox ?? []).some((m) => m.includes(R)),
    "nothing of theirs kept",
  );
  slack.clearFailures();
  await run(slack, now + 12 * 900);
  assert.ok(
    !slack.workspace.dmsTo(B).some((m) => m.text.includes("blue cable")),
    "their words not delivered after the receipt",
  );
  const thread = slack.workspace.repliesTo(
    ticket.card_channel!,
    ticket.card_ts!,
  );
  assert.ok(thread.some((m) => m.text.includes("thanks")), "the rest sent");
});
