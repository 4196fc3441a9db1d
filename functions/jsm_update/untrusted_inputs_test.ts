// The JSM webhook as an adversary would use it: every field of the wrong
// JSON type or too long, with and without the secret; the same event
// delivered again, later and at the same instant; and failures while
// relaying. Each attempt's outcome is exact: a refusal that says which
// field, no Slack call at all, no exception; or exactly one relay.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";
import { WEBHOOK_LIMITS } from "../../integrations/jsm/webhook_payload.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";
import { putItem } from "../../slack/storage/datastore.ts";
import JsmEventsDatastore from "../../datastores/jsm_events.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { realWaits, shortWaits } from "../../dev/testing/short_waits.ts";
import {
  anotherRunHoldsLock,
  anotherRunLetsGo,
} from "../../dev/testing/lock_fixtures.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret";

/** Values of the wrong JSON type, as a careless or hostile rule sends them. */
const WRONG_TYPES: Array<[string, unknown]> = [
  ["a number", 12],
  ["a boolean", true],
  ["an object", { key: "IT-1" }],
  ["a list", ["IT-1"]],
];

Deno.test("JSM webhook: untrusted inputs", async (t) => {
  // Deliveries one at a time settle their claims quickly (short_waits.ts);
  // the twins delivered at the same instant below settle as Helpdesk does.
  using _waits = shortWaits();
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Laptop won't boot",
    priority: "high",
  });
  const receive = (inputs: Record<string, unknown>) =>
    handler(
      functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
        secret: SECRET,
        issue_key: "IT-1",
        ...inputs,
      }, env),
    );
  const thread = () => slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
  const dms = () => slack.workspace.dmsTo(PEOPLE.requester);
  let attempts = 0;
  let refusals = 0;

  /** Runs one malformed delivery: refused, nothing read, nothing thrown. */
  async function refusedUntouched(
    inputs: Record<string, unknown>,
    expected: RegExp,
  ) {
    attempts++;
    const before = await storedTicket(slack, ticket.id);
    slack.clearCalls();
    const result = await receive(inputs);
    assert.match(String(result.error), expected, JSON.stringify(result));
    assert.equal(result.outputs, undefined);
    assert.equal(slack.calls.length, 0, "not even a read");
    assert.deepEqual(await storedTicket(slack, ticket.id), before);
    refusals++;
  }

  await t.step(
    "every field of the wrong type is refused before the secret is checked",
    async () => {
      for (const field of Object.keys(WEBHOOK_LIMITS)) {
        for (const [kind, value] of WRONG_TYPES) {
          for (const secret of [SECRET, "wrong"]) {
            await refusedUntouched(
              { secret, [field]: value },
              new RegExp(
                `^JSM update refused: "${field}" must be text .*not ${kind}\\. Nothing changed\\.$`,
              ),
            );
          }
        }
      }
    },
  );

  await t.step(
    "every field one character too long, or 100,000 long, is refused",
    async () => {
      for (const [field, limit] of Object.entries(WEBHOOK_LIMITS)) {
        for (const length of [limit + 1, 100_000]) {
          await refusedUntouched(
            { comment: "hi", [field]: "x".repeat(length) },
            new RegExp(
              `^JSM update refused: "${field}" is ${length} characters long; Helpdesk accepts at most ${limit}\\.`,
            ),
          );
        }
      }
      // Characters, not UTF-16 units: 255 emoji fit in a 255 author.
      const result = await receive({
        comment: "Fixed",
        comment_author: "🎫".repeat(WEBHOOK_LIMITS.comment_author),
        comment_id: "9001",
      });
      assert.equal(result.outputs?.result, "comment relayed");
      attempts++;
    },
  );

  await t.step("missing and malformed fields say which", async () => {
    await refusedUntouched(
      { secret: undefined },
      /^JSM update refused: "secret" is missing/,
    );
    await refusedUntouched(
      { issue_key: "   " },
      /^JSM update refused: "issue_key" is missing/,
    );
    await refusedUntouched(
      { comment: "hi", comment_public: "yes" },
      /"comment_public" must be "true" or "false"/,
    );
    for (const id of ["../10042", "<!channel>", "10 42", "1;drop"]) {
      await refusedUntouched(
        { comment: "hi", comment_id: id },
        /"comment_id" must be JSM's comment id/,
      );
    }
    // Well formed but not a key: said after the secret matched.
    for (const key of HOSTILE_TEXT.filter((h) => h.length <= 64)) {
      attempts++;
      slack.clearCalls();
      const result = await receive({ issue_key: key, status: "Closed" });
      assert.match(String(result.error), /is not a JSM request key like IT-12/);
      assert.equal(slack.calls.length, 0);
      refusals++;
    }
  });

  await t.step("a wrong secret with good fields reads nothing", async () => {
    await refusedUntouched(
      { secret: "guess", status: "Resolved" },
      /secret does not match/,
    );
  });

  await t.step("a comment sent again is relayed once", async () => {
    const before = { thread: thread().length, dms: dms().length };
    const first = await receive({
      comment: "Bring it to desk 4",
      comment_author: "Grace",
      comment_id: "10042",
    });
    assert.equal(first.outputs?.result, "comment relayed");
    for (let i = 0; i < 3; i++) {
      const again = await receive({
        comment: "Bring it to desk 4",
        comment_author: "Grace",
        comment_id: "10042",
      });
      assert.equal(
        again.outputs?.result,
        "ignored: IT-1's update was applied already (a redelivery)",
      );
    }
    // Another comment with the same words is another comment.
    const other = await receive({
      comment: "Bring it to desk 4",
      comment_author: "Grace",
      comment_id: "10043",
    });
    assert.equal(other.outputs?.result, "comment relayed");
    assert.equal(thread().length, before.thread + 2);
    assert.equal(dms().length, before.dms + 2);
    // Without an id, the same author and words within the window are one.
    await receive({ comment: "No id here", comment_author: "Grace" });
    await receive({ comment: "No id here", comment_author: "Grace" });
    assert.equal(thread().length, before.thread + 3);
  });

  await t.step(
    "100 rounds of the same comment delivered twice at once: one relay each",
    async () => {
      realWaits();
      const before = { thread: thread().length, dms: dms().length };
      const rounds = 100;
      // Every Slack call takes 1 to 80 ms, drawn anew each time, so one
      // twin's write can land after the other twin has read back.
      Object.defineProperty(slack, "latencyMs", {
        configurable: true,
        get: () => 1 + Math.random() * 79,
      });
      const results = await Promise.all(
        Array.from(
          { length: rounds },
          (_, round) =>
            Promise.all([0, 1].map(async () => {
              // Jittered, as two deliveries never start at the same instant.
              await new Promise((r) => setTimeout(r, Math.random() * 10));
              return receive({
                comment: `Round ${round}`,
                comment_author: "Grace",
                comment_id: `2${String(round).padStart(4, "0")}`,
              });
            })),
        ),
      );
      Object.defineProperty(slack, "latencyMs", {
        configurable: true,
        writable: true,
        value: 0,
      });
      const relayed = results.map((pair) =>
        pair.filter((r) => r.outputs?.result === "comment relayed").length
      );
      assert.deepEqual(relayed, Array(rounds).fill(1));
      assert.equal(thread().length, before.thread + rounds);
      assert.equal(dms().length, before.dms + rounds);
      for (let round = 0; round < rounds; round++) {
        const posted = thread().filter((m) =>
          m.text.endsWith(`>Round ${round}`)
        );
        assert.equal(posted.length, 1, `round ${round}`);
      }
      shortWaits();
    },
  );

  await t.step(
    "a status change sent again after a newer one does not undo it",
    async () => {
      const started = await receive({
        status: "In Progress",
        event_at: "2026-11-26T10:00:00.000+0000",
      });
      assert.equal(started.outputs?.result, "status set to in_progress");
      const resolved = await receive({
        status: "Resolved",
        event_at: "2026-11-26T10:05:00.000+0000",
      });
      assert.equal(resolved.outputs?.result, "status set to resolved");
      const stale = await receive({
        status: "In Progress",
        event_at: "2026-11-26T10:00:00.000+0000",
      });
      assert.match(String(stale.outputs?.result), /applied already/);
      assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
    },
  );

  await t.step(
    "a status change the busy ticket could not take is not remembered as applied",
    async () => {
      // Another run holds the ticket's lock for the whole wait.
      await anotherRunHoldsLock(slack, ticket, { holder: "another run" });
      const event = {
        status: "Closed",
        event_at: "2026-11-26T11:00:00.000+0000",
      };
      const busy = await receive(event);
      assert.match(
        String(busy.outputs?.result),
        /a moment ago|busy|try again/i,
      );
      assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
      // Let go; JSM sends it again, and this time it is applied.
      anotherRunLetsGo(slack, ticket);
      const again = await receive(event);
      assert.equal(again.outputs?.result, "status set to closed");
      assert.equal((await storedTicket(slack, ticket.id)).status, "closed");
    },
  );

  await t.step(
    "a status only noted on a busy ticket is noted by the redelivery",
    async () => {
      await anotherRunHoldsLock(slack, ticket, { holder: "another run" });
      const event = {
        status: "Parked with vendor",
        event_at: "2026-11-26T12:00:00.000+0000",
      };
      const before = await storedTicket(slack, ticket.id);
      const lines = thread().length;
      const busy = await receive(event);
      assert.match(String(busy.outputs?.result), /try again/i);
      // Nothing noted, nothing said: not half a note.
      assert.deepEqual(await storedTicket(slack, ticket.id), before);
      assert.equal(thread().length, lines);
      anotherRunLetsGo(slack, ticket);
      const again = await receive(event);
      assert.equal(
        again.outputs?.result,
        'noted unknown JSM status "Parked with vendor"',
      );
      const noted = await storedTicket(slack, ticket.id);
      assert.equal(noted.jsm_status, "Parked with vendor");
      assert.equal(noted.history!.length, before.history!.length + 1);
      assert.match(noted.history!.at(-1)!, /Parked with vendor/);
      assert.equal(thread().length, lines + 1);
    },
  );

  await t.step(
    "a relay that failed everywhere is kept for the scheduled check",
    async () => {
      const before = { thread: thread().length, dms: dms().length };
      slack.fail({
        method: "chat.postMessage",
        error: "internal_error",
        times: 2,
      });
      // JSM does not send it again (Slack answered when the run started):
      // kept on the ticket, sent by the scheduled check
      // (comment_kept_test.ts), and a redelivery adds nothing.
      const kept = await receive({
        comment: "Retry me",
        comment_id: "30001",
      });
      assert.match(String(kept.outputs?.result), /kept for the scheduled/);
      assert.equal(thread().length, before.thread);
      const again = await receive({ comment: "Retry me", comment_id: "30001" });
      assert.match(String(again.outputs?.result), /applied already/);
      assert.equal(thread().length, before.thread);
      assert.equal(dms().length, before.dms);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.outbox?.length, 2);
      assert.equal(saved.outbox_due, true);
    },
  );

  await t.step(
    "a relay shown in one place is not repeated in the other",
    async () => {
      const before = { thread: thread().length, dms: dms().length };
      slack.fail({
        method: "chat.postMessage",
        error: "internal_error",
        when: (args) => args.channel === PEOPLE.requester,
      });
      const partly = await receive({ comment: "Half", comment_id: "30002" });
      assert.match(String(partly.outputs?.result), /kept for the scheduled/);
      const again = await receive({ comment: "Half", comment_id: "30002" });
      assert.match(String(again.outputs?.result), /applied already/);
      assert.equal(thread().length, before.thread + 1);
      assert.equal(dms().length, before.dms);
      const saved = await storedTicket(slack, ticket.id);
      assert.match(saved.outbox!.at(-1)!, /Half/);
      assert.match(saved.outbox!.at(-1)!, new RegExp(PEOPLE.requester));
    },
  );

  await t.step(
    "an expired record that Slack has not deleted yet counts for nothing",
    async () => {
      const now = Math.floor(Date.now() / 1000);
      await putItem(client, JsmEventsDatastore, {
        id: "comment:IT-1:40001",
        state: "done",
        claim: "old",
        claimed_at: now - 9 * 86_400,
        expires_at: now - 2 * 86_400,
      });
      const before = thread().length;
      const result = await receive({ comment: "Late", comment_id: "40001" });
      assert.equal(result.outputs?.result, "comment relayed");
      assert.equal(thread().length, before + 1);
    },
  );

  await t.step(
    "hostile text in a comment and its author is inert",
    async () => {
      for (const [i, hostile] of HOSTILE_TEXT.entries()) {
        attempts++;
        await receive({
          comment: hostile,
          comment_author: hostile,
          comment_id: `5${i}`,
        });
        for (const message of [thread().at(-1)!, dms().at(-1)!]) {
          assert.ok(message.text.includes(escapeMrkdwn(hostile)), hostile);
          assert.ok(!message.text.includes(hostile), hostile);
        }
      }
    },
  );

  console.log(
    `JSM webhook: ${attempts} hostile deliveries, ${refusals} refused untouched`,
  );
});
