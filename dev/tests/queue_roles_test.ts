// Every role of a queue × every action, on the fake Slack, through the
// functions Slack would run. The table is written out, not derived from
// helpdesk/queues/queue_permissions.ts, so a change to the rules shows up here.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack, storedTicket } from "../testing/harness.ts";
import {
  configureQueues,
  LAPTOP,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import {
  click,
  editRequestType,
  openComplaint,
  openGeneral,
  openLaptop,
  PRIVATE_TEXT,
  submitDenial,
} from "../testing/queue_actions.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { clientFor } from "../testing/harness.ts";
import { getRequestType } from "../../slack/storage/queue_store.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";

type Role = keyof typeof ROLE_PEOPLE;
const ACTIONS = [
  "claim",
  "assign",
  "change status",
  "close when resolved",
  "approve",
  "deny",
  "edit settings",
  "view private",
] as const;
type Action = typeof ACTIONS[number];

const Y = true, N = false;
// deno-fmt-ignore
const ALLOWED: Record<Role, boolean[]> = {
  //              claim assign status close approve deny edit view
  owner:         [Y,    Y,     Y,     Y,    N,      N,   Y,   Y],
  member:        [Y,    Y,     Y,     Y,    N,      N,   N,   Y],
  groupMember:   [Y,    Y,     Y,     Y,    N,      N,   N,   Y],
  channelMember: [Y,    Y,     Y,     Y,    N,      N,   N,   Y],
  admin:         [Y,    Y,     Y,     Y,    N,      N,   Y,   Y],
  superuser:     [Y,    Y,     Y,     Y,    Y,      Y,   Y,   Y],
  initiator:     [N,    N,     N,     Y,    N,      N,   N,   Y],
  outsider:      [N,    N,     N,     N,    N,      N,   N,   N],
};

/** Does the action as `user`; true when it took effect. */
async function attempt(
  slack: FakeSlack,
  action: Action,
  user: string,
): Promise<boolean> {
  switch (action) {
    case "claim": {
      const ticket = await openGeneral(slack);
      await click(slack, ticket.id, "claim", user);
      return (await storedTicket(slack, ticket.id)).assignee === user;
    }
    case "assign": {
      const ticket = await openGeneral(slack);
      const result = await changeTicket(clientFor(slack), ticket.id, {
        type: "assign",
        assignee: ROLE_PEOPLE.member,
      }, user);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(result.ok, saved.assignee === ROLE_PEOPLE.member);
      return saved.assignee === ROLE_PEOPLE.member;
    }
    case "change status": {
      const ticket = await openGeneral(slack);
      await click(slack, ticket.id, "start", user);
      return (await storedTicket(slack, ticket.id)).status === "in_progress";
    }
    case "close when resolved": {
      const ticket = await openGeneral(slack, { status: "resolved" });
      await click(slack, ticket.id, "close", user);
      return (await storedTicket(slack, ticket.id)).status === "closed";
    }
    case "approve": {
      const ticket = await openLaptop(slack);
      await click(slack, ticket.id, "approve", user);
      return (await storedTicket(slack, ticket.id)).approval === "approved";
    }
    case "deny": {
      const ticket = await openLaptop(slack);
      await submitDenial(slack, ticket.id, user, "Budget is frozen");
      return (await storedTicket(slack, ticket.id)).approval === "denied";
    }
    case "edit settings": {
      const description = `Edited by ${user}`;
      await editRequestType(slack, user, description);
      const type = await getRequestType(clientFor(slack), LAPTOP.id);
      return type?.description === description;
    }
    case "view private": {
      const ticket = await openComplaint(slack);
      const before = slack.workspace.dmsTo(user).length;
      await click(slack, ticket.id, "details", user);
      const dms = slack.workspace.dmsTo(user).slice(before);
      return dms.some((m) =>
        JSON.stringify(m.blocks ?? "").includes(PRIVATE_TEXT)
      );
    }
  }
}

Deno.test("queue roles × actions, through the functions Slack runs", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  for (const [role, row] of Object.entries(ALLOWED) as [Role, boolean[]][]) {
    for (const [i, action] of ACTIONS.entries()) {
      const expected = row[i];
      await t.step(
        `${role} ${action} → ${expected ? "done" : "refused"}`,
        async () => {
          const user = ROLE_PEOPLE[role];
          assert.equal(await attempt(slack, action, user), expected);
        },
      );
    }
  }
});

Deno.test("a refused action says who may do it and changes nothing", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ticket = await openLaptop(slack);
  await click(slack, ticket.id, "approve", ROLE_PEOPLE.member);
  assert.equal((await storedTicket(slack, ticket.id)).approval, "pending");
  const told = slack.workspace.dmsTo(ROLE_PEOPLE.member).at(-1)!.text;
  assert.match(told, /only the request type's approvers can approve/);
  assert.match(told, /unchanged/);
  // The approvers' DM has not lost its buttons.
  const approverDm = slack.workspace.dmsTo(ROLE_PEOPLE.superuser).at(-1)!;
  assert.match(JSON.stringify(approverDm.blocks), /request_approve/);
  assert.equal(PEOPLE.requester, ROLE_PEOPLE.initiator);
});
