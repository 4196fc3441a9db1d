// A card's Similar…: solved tickets of the same queue that look alike, with
// their answers and links, for the queue's agents only.
import assert from "node:assert/strict";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { isInert } from "../../dev/testing/hostile_text.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import { cardActions } from "../../slack/blocks/card_controls.ts";

function click(slack: FakeSlack, ticket: Ticket, person: string) {
  return clickTicket(slack, ticket.id, "similar", person);
}

const toldTo = (slack: FakeSlack, user: string) =>
  slack.workspace.ephemerals.filter((e) => e.user === user).at(-1)?.text ??
    "";

Deno.test("Similar… on a card", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
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
    last_reply: "Open tray 2 and pull the paper <!channel> <@U123ABC>",
  });
  const toner = await solved("Printer toner empty", {
    last_reply: "Replaced the toner.",
  });
  const secret = await solved("Printer jams in the HR office", {
    private: true,
    queue_id: "people-team",
  });
  const vpn = await solved("VPN drops hourly");
  await runScheduledChecks(clientFor(slack), now);
  const asking = await openTestTicket(slack);

  await t.step("the card offers Similar… until it is closed", () => {
    const buttons = (ticket: Ticket) =>
      JSON.stringify(
        cardActions(ticket, { actionTriggerUrl: "https://x/y" }) ?? {},
      );
    assert.match(buttons(asking), /"value":"similar"/);
    assert.doesNotMatch(
      buttons({ ...asking, status: "closed" }),
      /"value":"similar"/,
    );
  });

  await t.step(
    "an agent gets the most alike first, with answers escaped",
    async () => {
      await click(slack, asking, PEOPLE.agent);
      const text = toldTo(slack, PEOPLE.agent);
      const keys = [...text.matchAll(/\|(HD-[A-Z0-9]+)>/g)].map((m) => m[1]);
      assert.deepEqual(keys, [jam.key, toner.key]);
      // Another queue's ticket, private or not, is never offered.
      assert.ok(!text.includes(secret.key));
      assert.ok(!text.includes(vpn.key));
      const answer = text.split("\n").find((l) => l.includes("tray 2"))!;
      assert.ok(isInert(answer.replace(/^> /, "")), answer);
      assert.match(text, /Replaced the toner\./);
    },
  );

  await t.step("someone who doesn't work the queue is refused", async () => {
    await click(slack, asking, PEOPLE.bystander);
    const told = toldTo(slack, PEOPLE.bystander) ||
      slack.workspace.dmsTo(PEOPLE.bystander).at(-1)?.text || "";
    assert.match(told, /only the queue's agents/);
    assert.ok(!told.includes(jam.key));
  });
});
