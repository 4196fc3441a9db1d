import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type { Ticket } from "./model.ts";
import { linkRelated, lockOrder } from "./ticket_pairing.ts";
import { mergeTickets, peopleOf, unmergeTickets } from "./ticket_merge.ts";
import {
  closedByItsRequester,
  releasedAt,
  releasedBy,
  releaseFromClosed,
  withoutReleased,
} from "./merge_release.ts";
import { alikeTickets, likeness } from "./similar_tickets.ts";
import { canReopen, reopen, selfSolve, withdraw } from "./requester_actions.ts";
import { withHistory } from "./ticket_history.ts";

const NOW = 1_800_000_100;
const AGENT = { userId: "UAGENT", agentOfMerged: true, agentOfKept: true };

const kept = (extra: Partial<Ticket> = {}) =>
  sampleTicket({
    id: "01A",
    key: "HD-AAAAAA",
    requester: "URILEY",
    summary: "Printer on 3 jams",
    ...extra,
  });
const dup = (extra: Partial<Ticket> = {}) =>
  sampleTicket({
    id: "01B",
    key: "HD-BBBBBB",
    requester: "USAM",
    summary: "3rd floor printer jammed",
    status: "waiting_on_requester",
    holds: [{ start: NOW - 50 }],
    ...extra,
  });

function merged(a: Ticket, b: Ticket, actor = AGENT) {
  const outcome = mergeTickets(b, a, actor, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome;
}

Deno.test("merging closes the duplicate and widens the kept ticket", async (t) => {
  const outcome = merged(kept(), dup());
  await t.step(
    "the merged ticket closes as a duplicate of the kept one",
    () => {
      assert.equal(outcome.merged.status, "closed");
      assert.equal(outcome.merged.close_reason, "duplicate");
      assert.equal(outcome.merged.merged_into, "01A");
      assert.equal(outcome.merged.merged_into_key, "HD-AAAAAA");
      assert.equal(outcome.merged.closed_at, NOW);
      // Its hold ends with it: its clocks stop as any close stops them.
      assert.deepEqual(outcome.merged.holds, [{ start: NOW - 50, end: NOW }]);
      assert.deepEqual(outcome.mergedStatusChange, {
        from: "waiting_on_requester",
        to: "closed",
      });
    },
  );
  await t.step("the kept ticket is for both requesters now", () => {
    assert.deepEqual(outcome.kept.followers, ["USAM"]);
    assert.deepEqual(outcome.kept.merged_from, ["HD-BBBBBB"]);
    assert.deepEqual(peopleOf(outcome.kept), ["URILEY", "USAM"]);
    assert.equal(outcome.kept.status, "new");
  });
  await t.step("the same requester is not their own follower", () => {
    const same = merged(kept(), dup({ requester: "URILEY" }));
    assert.equal(same.kept.followers, undefined);
    assert.deepEqual(same.kept.merged_from, ["HD-BBBBBB"]);
  });
  await t.step("a third ticket adds its requester once", () => {
    const third = mergeTickets(
      dup({ id: "01C", key: "HD-CCCCCC" }),
      outcome.kept,
      AGENT,
      NOW,
    );
    if (!third.ok) throw new Error(third.reason);
    assert.deepEqual(third.kept.followers, ["USAM"]);
    assert.deepEqual(third.kept.merged_from, ["HD-BBBBBB", "HD-CCCCCC"]);
  });
});

Deno.test("who may merge, and which tickets", async (t) => {
  const refused = (a: Ticket, b: Ticket, actor = AGENT) => {
    const outcome = mergeTickets(b, a, actor, NOW);
    assert.equal(outcome.ok, false);
    return outcome.ok ? "" : outcome.reason;
  };
  await t.step("only agents of both queues", () => {
    assert.match(
      refused(kept(), dup(), { ...AGENT, agentOfMerged: false }),
      /Only Helpdesk agents of HD-BBBBBB's queue/,
    );
    assert.match(
      refused(kept(), dup(), { ...AGENT, agentOfKept: false }),
      /agents of both queues/,
    );
    // The requester of one of them is no agent either.
    assert.match(
      refused(kept(), dup(), {
        userId: "USAM",
        agentOfMerged: false,
        agentOfKept: false,
      }),
      /Only Helpdesk agents/,
    );
  });
  await t.step("not into itself", () => {
    assert.match(refused(kept(), kept()), /with itself/);
  });
  await t.step("not into a closed or resolved ticket", () => {
    assert.match(refused(kept({ status: "closed" }), dup()), /is closed/);
    assert.match(refused(kept({ status: "resolved" }), dup()), /reopen it/);
  });
  await t.step("not a closed ticket", () => {
    assert.match(refused(kept(), dup({ status: "closed" })), /only open/);
  });
  await t.step("not twice, and never in a loop", () => {
    const first = merged(kept(), dup());
    // B, now merged into A, can't be kept for A: no A→B→A loop.
    assert.match(refused(first.merged, first.kept), /already merged|has/);
    assert.match(
      refused(first.merged, dup({ id: "01C", key: "HD-CCCCCC" })),
      /was merged into HD-AAAAAA/,
    );
    assert.match(
      refused(kept({ id: "01C", key: "HD-CCCCCC" }), first.merged),
      /already merged into HD-AAAAAA/,
    );
    // A keeps B: A itself doesn't go into another while it holds B.
    assert.match(
      refused(kept({ id: "01C", key: "HD-CCCCCC" }), first.kept),
      /merge HD-CCCCCC into HD-AAAAAA instead/,
    );
  });
  await t.step("private only with private, in the same queue", () => {
    const privateA = kept({ private: true, queue_id: "it" });
    assert.match(refused(privateA, dup()), /private ticket goes only/);
    assert.match(refused(kept(), dup({ private: true })), /private ticket/);
    assert.match(
      refused(privateA, dup({ private: true, queue_id: "hr" })),
      /same queue/,
    );
    const both = mergeTickets(
      dup({ private: true, queue_id: "it" }),
      privateA,
      AGENT,
      NOW,
    );
    assert.equal(both.ok, true);
  });
  await t.step("not while one waits for approval", () => {
    assert.match(
      refused(kept({ approval: "pending" }), dup()),
      /waiting for approval/,
    );
  });
});

Deno.test("unmerge reverses a merge while the kept ticket is open", async (t) => {
  const first = merged(kept(), dup({ status: "new", holds: undefined }));
  await t.step("both tickets are as before", () => {
    const outcome = unmergeTickets(first.merged, first.kept, AGENT, NOW + 5);
    if (!outcome.ok) throw new Error(outcome.reason);
    assert.equal(outcome.merged.status, "new");
    assert.equal(outcome.merged.merged_into, undefined);
    assert.equal(outcome.merged.merged_into_key, undefined);
    assert.equal(outcome.merged.close_reason, undefined);
    assert.equal(outcome.merged.closed_at, undefined);
    assert.equal(outcome.kept.followers, undefined);
    assert.equal(outcome.kept.merged_from, undefined);
    assert.deepEqual(outcome.mergedStatusChange, { from: "closed", to: "new" });
  });
  await t.step("an assigned ticket goes back in progress", () => {
    const assigned = merged(kept(), dup({ assignee: "UAGENT" }));
    const outcome = unmergeTickets(assigned.merged, assigned.kept, AGENT, NOW);
    if (!outcome.ok) throw new Error(outcome.reason);
    assert.equal(outcome.merged.status, "in_progress");
  });
  await t.step("a follower who reported another merged ticket stays", () => {
    const outcome = unmergeTickets(
      first.merged,
      first.kept,
      AGENT,
      NOW,
      true,
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    assert.deepEqual(outcome.kept.followers, ["USAM"]);
  });
  await t.step("not once the kept ticket is closed", () => {
    const outcome = unmergeTickets(
      first.merged,
      { ...first.kept, status: "closed" },
      AGENT,
      NOW,
    );
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.reason, /only while the kept/);
  });
  await t.step("not a ticket merged elsewhere, nor by a non-agent", () => {
    const other = unmergeTickets(first.merged, kept({ id: "01Z" }), AGENT, NOW);
    assert.equal(other.ok, false);
    const stranger = unmergeTickets(first.merged, first.kept, {
      userId: "USAM",
      agentOfMerged: false,
      agentOfKept: false,
    }, NOW);
    assert.equal(stranger.ok, false);
  });
});

Deno.test("linking related tickets names each in the other; nothing closes", () => {
  const outcome = linkRelated(kept(), dup(), AGENT, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.deepEqual(outcome.one.related, ["HD-BBBBBB"]);
  assert.deepEqual(outcome.other.related, ["HD-AAAAAA"]);
  assert.equal(outcome.other.status, "waiting_on_requester");
  const again = linkRelated(outcome.one, outcome.other, AGENT, NOW);
  assert.equal(again.ok, false);
  const stranger = linkRelated(kept(), dup(), {
    ...AGENT,
    agentOfKept: false,
  }, NOW);
  assert.equal(stranger.ok, false);
});

Deno.test("locks are taken in id order, whichever ticket is kept", () => {
  const a = kept();
  const b = dup();
  assert.deepEqual(lockOrder(a, b).map((t) => t.id), ["01A", "01B"]);
  assert.deepEqual(lockOrder(b, a).map((t) => t.id), ["01A", "01B"]);
});

Deno.test("alike tickets share telling words; hostile text is just words", () => {
  const me = { id: "1", summary: "Printer on floor 3 jams paper" };
  const candidates = [
    { id: "2", summary: "VPN drops every hour" },
    { id: "3", summary: "3rd floor printer: paper jam!" },
    { id: "4", summary: "printer jams paper on floor 3" },
    { id: "5", summary: "<!channel> *printer* `rm -rf` <https://x|y>" },
    { id: "1", summary: "Printer on floor 3 jams paper" },
    { id: "6", summary: "" },
  ];
  const alike = alikeTickets(me, candidates, 3).map((c) => c.id);
  assert.deepEqual(alike, ["4", "3", "5"]);
  assert.equal(likeness("the and for", "the and for"), 0);
  assert.equal(alikeTickets(me, candidates, 1).length, 1);
});

Deno.test("a merged ticket is not reopened: only Unmerge opens it", () => {
  const { merged: closed } = merged(kept(), dup());
  const outcome = reopen(closed, { reopenDays: 14 }, NOW + 60);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.reason, /merged into HD-AAAAAA/);
  assert.equal(canReopen(closed, { reopenDays: 14 }, NOW + 60), false);
  // An ordinary closed ticket still can.
  assert.equal(
    canReopen({ ...dup(), status: "closed", closed_at: NOW }, {
      reopenDays: 14,
    }, NOW + 60),
    true,
  );
});

Deno.test("a kept ticket its requester ends gives others' duplicates back", async (t) => {
  const { kept: a, merged: b } = merged(kept(), dup({ assignee: "UAGENT" }));
  const own = merged(
    a,
    dup({ id: "01C", key: "HD-CCCCCC", requester: "URILEY" }),
  );
  const withdrawn = withdraw(own.kept, NOW);
  assert.ok(withdrawn.ok);
  await t.step("only a withdrawal or a self-solve by its requester", () => {
    assert.ok(closedByItsRequester(own.kept, withdrawn.ticket, "URILEY"));
    const solved = selfSolve(own.kept, "URILEY", NOW);
    assert.ok(solved.ok);
    assert.ok(closedByItsRequester(own.kept, solved.ticket, "URILEY"));
    const byAgent: Ticket = { ...own.kept, status: "closed" };
    assert.ok(!closedByItsRequester(own.kept, byAgent, "UAGENT"));
    assert.ok(
      !closedByItsRequester(withdrawn.ticket, withdrawn.ticket, "URILEY"),
    );
  });
  await t.step("Sam's ticket is released, Riley's own duplicate is not", () => {
    const released = releasedBy(withdrawn.ticket, [b, own.merged]);
    assert.deepEqual(released.map((r) => r.key), [b.key]);
    const narrowed = withoutReleased(withdrawn.ticket, released);
    assert.equal(narrowed.followers, undefined);
    assert.deepEqual(narrowed.merged_from, [own.merged.key]);
  });
  await t.step(
    "released: in progress with its assignee, no longer merged",
    () => {
      const out = releaseFromClosed(b, withdrawn.ticket, NOW);
      assert.ok(out.ok);
      assert.equal(out.merged.status, "in_progress");
      assert.equal(out.merged.merged_into, undefined);
      assert.equal(out.merged.close_reason, undefined);
      assert.ok(canReopen(out.merged, { reopenDays: 7 }, NOW) === false);
      assert.ok(!releaseFromClosed(out.merged, withdrawn.ticket, NOW).ok);
    },
  );
});

Deno.test("a released ticket is known by its history while it is still on its own", async (t) => {
  const { kept: a, merged: b } = merged(kept(), dup());
  const withdrawn = withdraw(a, NOW);
  assert.ok(withdrawn.ok);
  const out = releaseFromClosed(b, withdrawn.ticket, NOW);
  assert.ok(out.ok);
  const released = withHistory(b, out.merged, { via: "its close", at: NOW });
  await t.step("unmerged by the kept ticket's close: when", () => {
    assert.equal(releasedAt(released, withdrawn.ticket), NOW);
    assert.equal(releasedAt(b, withdrawn.ticket), undefined);
  });
  await t.step("unmerged by an agent's hand: not released", () => {
    const byAgent = withHistory(b, out.merged, { by: "UAGENT", at: NOW });
    assert.equal(releasedAt(byAgent, withdrawn.ticket), undefined);
  });
  await t.step("closed or merged again since: no longer on its own", () => {
    const closed: Ticket = { ...released, status: "closed" };
    assert.equal(releasedAt(closed, withdrawn.ticket), undefined);
    const again: Ticket = { ...released, merged_into: "01Z" };
    assert.equal(releasedAt(again, withdrawn.ticket), undefined);
  });
});
