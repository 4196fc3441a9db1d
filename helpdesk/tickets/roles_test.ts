import assert from "node:assert/strict";
import {
  type Actor,
  checkPermission,
  TICKET_ACTIONS,
  type TicketActionType,
} from "./roles.ts";

const TICKET = { key: "HD-ABC123", requester: "UREQ" };

const ACTIONS = TICKET_ACTIONS;
// Withdrawing is the requester's own act: agents resolve or close instead.
const AGENTS_MAY = ACTIONS.filter((a) => a !== "withdraw");
const ROLES: Record<
  string,
  { actor: Actor; may: readonly TicketActionType[] }
> = {
  agent: { actor: { userId: "UAGENT", isAgent: true }, may: AGENTS_MAY },
  requester: {
    actor: { userId: "UREQ", isAgent: false },
    may: ["close", "reopen", "withdraw"],
  },
  "agent who is the requester": {
    actor: { userId: "UREQ", isAgent: true },
    may: ACTIONS,
  },
  bystander: { actor: { userId: "UBY", isAgent: false }, may: [] },
};

Deno.test("roles × actions", async (t) => {
  for (const [role, { actor, may }] of Object.entries(ROLES)) {
    for (const action of ACTIONS) {
      const allowed = may.includes(action);
      await t.step(
        `${role} ${action}: ${allowed ? "allowed" : "refused"}`,
        () => {
          const check = checkPermission(actor, action, TICKET);
          if (allowed) {
            assert.deepEqual(check, { ok: true });
          } else {
            assert.equal(check.ok, false);
            if (!check.ok) {
              assert.match(
                check.reason,
                action === "withdraw"
                  ? /^Only the person who opened HD-ABC123 can withdraw it\./
                  : /^Only Helpdesk agents /,
              );
              assert.ok(check.reason.includes("HD-ABC123"), check.reason);
            }
          }
        },
      );
    }
  }
});

Deno.test("refusals name the action in words and say what is possible", () => {
  const reason = (actor: Actor, action: TicketActionType) => {
    const check = checkPermission(actor, action, TICKET);
    assert.equal(check.ok, false);
    return check.ok ? "" : check.reason;
  };
  const requester = ROLES.requester.actor;
  const bystander = ROLES.bystander.actor;
  assert.equal(
    reason(requester, "wait"),
    "Only Helpdesk agents can put on hold HD-ABC123. You can withdraw it while it is open, close it once it is resolved, or reopen it if the fix didn't work.",
  );
  assert.equal(
    reason(bystander, "start"),
    "Only Helpdesk agents can start work on HD-ABC123. You can follow it in the card's thread.",
  );
  assert.equal(
    reason(bystander, "close"),
    "Only Helpdesk agents and the person who opened HD-ABC123 can close it.",
  );
  assert.equal(
    reason(bystander, "reopen"),
    "Only Helpdesk agents and the person who opened HD-ABC123 can reopen it.",
  );
  assert.equal(
    reason(requester, "edit"),
    "Only Helpdesk agents can edit HD-ABC123. You can withdraw it while it is open, close it once it is resolved, or reopen it if the fix didn't work.",
  );
  assert.equal(
    reason(ROLES.agent.actor, "withdraw"),
    "Only the person who opened HD-ABC123 can withdraw it. Agents resolve or close it instead.",
  );
  // Someone who is not the requester is never offered the requester's rights.
  assert.doesNotMatch(reason(bystander, "claim"), /You can close it/);
});

Deno.test("the requester is matched by exact user id", () => {
  for (const userId of ["ureq", "UREQ ", "UREQ2", ""]) {
    assert.equal(
      checkPermission({ userId, isAgent: false }, "close", TICKET).ok,
      false,
      JSON.stringify(userId),
    );
  }
});
