import assert from "node:assert/strict";
import {
  CLOCK_SKEW_MS,
  FROM_SLACK_MARK,
  isFromSlack,
  jsmCommentBody,
  jsmCommentMark,
  lostCommentFound,
  MAX_PENDING_COMMENTS,
  pendingJsmComments,
  queueJsmComment,
} from "./jsm_comments.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type { Ticket } from "./model.ts";

const said = (body: string, isPublic = true) => ({
  body,
  public: isPublic,
  author: "UAGENT",
  role: "agent" as const,
});

Deno.test("a ticket not in JSM queues no comments", () => {
  const ticket = sampleTicket();
  assert.equal(ticket.jsm_sync, undefined);
  assert.deepEqual(queueJsmComment(ticket, said("hi")), ticket);
});

Deno.test("comments queue in order, the oldest dropped past the limit", () => {
  let ticket: Ticket = sampleTicket({ jsm_sync: "pending" });
  for (let i = 0; i < MAX_PENDING_COMMENTS + 3; i++) {
    ticket = queueJsmComment(ticket, said(`c${i}`, i % 2 === 0));
  }
  const pending = pendingJsmComments(ticket);
  assert.equal(pending.length, MAX_PENDING_COMMENTS);
  assert.equal(pending[0].body, "c3");
  assert.equal(pending[0].public, false);
  assert.equal(pending.at(-1)!.body, `c${MAX_PENDING_COMMENTS + 2}`);
});

Deno.test("unreadable queued comments are skipped, not sent", () => {
  const ticket = {
    ...sampleTicket(),
    jsm_comments: [
      "{",
      JSON.stringify({ body: 3 }),
      JSON.stringify(said("ok")),
    ],
  };
  assert.deepEqual(pendingJsmComments(ticket).map((c) => c.body), ["ok"]);
});

Deno.test("a comment says who in Slack wrote it, and comes back as Helpdesk's", () => {
  const body = jsmCommentBody({ ...said("Restart it"), role: "requester" });
  assert.match(body, /^Restart it\n\n— the requester \(Slack user UAGENT\)/);
  assert.ok(body.endsWith(FROM_SLACK_MARK));
  assert.ok(isFromSlack(body));
  assert.ok(isFromSlack(`${body}  \n`));
  assert.ok(!isFromSlack("Restart it, says the agent in JSM"));
});

Deno.test("a post whose answer was lost is found by body and visibility", async (t) => {
  const listed = [
    { id: "10001", body: "ok", public: true },
    { id: "10002", body: "ok", public: false },
    { id: "10003", body: "ok", public: true },
    { id: "10004", body: "ok ", public: true },
  ];
  const ok = { body: "ok", public: true };
  await t.step("the newest not recorded as Helpdesk's", () => {
    assert.equal(lostCommentFound(listed, ok, []), "10003");
    assert.equal(
      lostCommentFound(listed, ok, [jsmCommentMark("10003")]),
      "10001",
    );
    assert.equal(
      lostCommentFound(listed, { ...ok, public: false }, []),
      "10002",
    );
  });
  await t.step("not one made before the post was sent", () => {
    const sent = 1_000_000_000_000;
    const made = (createdMs: number) => [{ ...listed[0], createdMs }];
    const tried = { ...ok, triedAt: sent };
    assert.equal(
      lostCommentFound(made(sent - 3_600_000), tried, []),
      undefined,
    );
    assert.equal(
      lostCommentFound(made(sent - CLOCK_SKEW_MS + 1), tried, []),
      "10001",
      "JSM's clock a little behind",
    );
    assert.equal(lostCommentFound(made(sent + 900), tried, []), "10001");
    assert.equal(lostCommentFound(listed, tried, []), "10003", "no time known");
  });
  await t.step("none when each is Helpdesk's or none is the same", () => {
    const marks = ["10001", "10003"].map(jsmCommentMark);
    assert.equal(lostCommentFound(listed, ok, marks), undefined);
    assert.equal(
      lostCommentFound(listed, { ...ok, body: "OK" }, []),
      undefined,
    );
  });
});
