// Reply to requester on a ticket others were merged into reaches them too,
// by DM. The agent writing it is told so before sending: a reply meant for
// one person (a private HR request, say) must not reach others unawares.
import assert from "node:assert/strict";
import { click } from "../../dev/testing/queue_actions.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const SAM = PEOPLE.bystander;

async function replyModal(slack: FakeSlack, ticket: Ticket) {
  slack.clearCalls();
  await click(slack, ticket.id, "reply", PEOPLE.agent);
  const [open] = slack.callsTo("views.open");
  return JSON.stringify(open.args.view);
}

Deno.test("the reply modal names everyone the reply will reach", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const alone = await openTestTicket(slack);
  assert.ok(!(await replyModal(slack, alone)).includes("merged"));
  const shared = await openTestTicket(slack, {
    private: true,
    followers: [SAM],
    merged_from: ["HD-SAMS01"],
  });
  const view = await replyModal(slack, shared);
  assert.ok(view.includes(`<@${SAM}>`), view);
  assert.match(view, /merged into this one/);
});
