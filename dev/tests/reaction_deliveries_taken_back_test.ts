// A :ticket: reaction delivered twice: the run holding Helpdesk's mark fails
// and takes it back (or leaves it, released), then the twin delivery takes
// the mark and makes the ticket, slowly. The failed run must not tell the
// reactor "no ticket was made" while the twin holds the mark; and a run
// alone must not take its own mark that stayed, or a person's click on the
// same emoji, for another run's. And when the twin's mark lands only after
// the failed run has said none was made, the twin that makes the ticket
// corrects what was said, once. Each step is staged by the fake's hooks
// (what waits for what), not by timing, so it goes the same way on a quiet
// machine as on a loaded one, and the waits are short: their lengths decide
// nothing here.
import assert from "node:assert/strict";
import {
  checkerClient,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import type { FakeSlack, RecordedCall } from "../testing/fake_slack/server.ts";
import {
  deliver,
  mark,
  SAYS_NONE,
  toldSince,
} from "../testing/reaction_deliveries.ts";
import { shortWaits } from "../testing/short_waits.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/message_ticket.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import { correctToldNone } from "../../use_cases/opening/intake_failure.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";

const SAYS_MARK_ON = /already turning this message into a ticket/;

/** A fake with only the failures a step stages, and a reacted message. */
async function reactedMessage(text: string) {
  const slack = await startFakeSlack({
    staleReads: undefined,
    reactionFaults: undefined,
  });
  await intakeQueue(slack);
  const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, text).ts;
  slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
  // The run that gets the mark fails looking up a key for the ticket.
  slack.fail({
    method: "apps.datastore.get",
    error: "internal_error",
    when: (args) => args.datastore === "ticket_lookup",
  });
  return { slack, ts };
}

/**
 * Settles once a call that `matches` has been answered, or after 10 s: a
 * step that never comes fails the test's checks instead of hanging it.
 */
function answered(slack: FakeSlack, matches: (call: RecordedCall) => boolean) {
  const { promise, resolve } = Promise.withResolvers<void>();
  slack.onCall((call) => {
    if (matches(call)) resolve();
  });
  const timer = setTimeout(resolve, 10_000);
  return promise.finally(() => clearTimeout(timer));
}

/** A write of the mark's record whose holder matches, answered ok. */
const markPut = (call: RecordedCall, holding: RegExp) =>
  call.method === "apps.datastore.put" && call.args.datastore === "locks" &&
  holding.test(String((call.args.item as { holder?: unknown }).holder)) &&
  call.response.ok === true;

/**
 * Both deliveries, the twin's ticket saved only once the first run to end
 * has ended (as when the machine is slow), and what the reactor was told.
 */
async function twins(slack: FakeSlack, ts: string) {
  const firstEnded = Promise.withResolvers<void>();
  slack.beforeAnswer(async (method, args) => {
    if (method === "apps.datastore.put" && args.datastore === "tickets") {
      await firstEnded.promise;
    }
  });
  const since = mark(slack);
  const runs = [
    deliver(slack, ts, PEOPLE.agent),
    deliver(slack, ts, PEOPLE.agent),
  ];
  Promise.race(runs).finally(() => firstEnded.resolve());
  await Promise.all(runs);
  return toldSince(slack, since);
}

/** The twin's ticket, shown once, and only true things said. */
async function oneTicketAndTruth(slack: FakeSlack, ts: string, told: string[]) {
  const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
  const ticket = await getTicket(checkerClient(slack), id);
  assert.ok(ticket, "the twin made no ticket");
  assert.equal(ticket.setup_pending, undefined, "not finished");
  for (const text of told) assert.doesNotMatch(text, SAYS_NONE);
  // What the failed run says instead: the twin is at it.
  assert.ok(told.some((text) => SAYS_MARK_ON.test(text)), told.join("\n"));
  const cards = slack.workspace.messagesIn(TRIAGE).filter((m) =>
    m.text.includes(ticket.key) && !m.thread_ts
  );
  assert.equal(cards.length, 1, `${cards.length} cards`);
}

Deno.test("a run that failed under the mark never says none while its twin makes the ticket", async (t) => {
  using _waits = shortWaits();

  await t.step("its mark taken back, then the twin's add lands", async () => {
    const { slack, ts } = await reactedMessage("Printer jammed");
    await using _slack = slack;
    let takenBack = false;
    const marks = { asked: 0, answered: 0 };
    const back = answered(slack, (c) => {
      takenBack ||= c.method === "reactions.remove" && c.response.ok === true;
      return takenBack;
    });
    const twinHasIt = answered(slack, (c) => {
      if (c.method === "reactions.add" && c.response.ok) marks.answered++;
      return marks.answered === 2;
    });
    slack.beforeAnswer(async (method) => {
      // The twin's add lands only after the mark was taken back,
      if (method === "reactions.add" && marks.asked++ === 1) await back;
      // and the failed run looks for a mark once the twin's has landed.
      if (method === "reactions.get" && takenBack) await twinHasIt;
    });
    await oneTicketAndTruth(slack, ts, await twins(slack, ts));
  });

  await t.step(
    "its mark left released, then cleared and taken by the twin",
    async () => {
      const { slack, ts } = await reactedMessage("Scanner jammed");
      await using _slack = slack;
      // Taking the mark back fails: the run records it released instead.
      slack.fail({ method: "reactions.remove", error: "internal_error" });
      const released = answered(slack, (c) => markPut(c, /^released$/));
      let removals = 0;
      const retaken = answered(slack, (c) => {
        if (c.method === "reactions.remove") removals++;
        return removals > 0 && markPut(c, /^intake/);
      });
      slack.beforeAnswer(async (method, args) => {
        // The twin judges the mark once the failed run has released it,
        if (method === "apps.datastore.get" && args.datastore === "locks") {
          await released;
        }
        // and the failed run looks at the mark once the twin has retaken it.
        if (method === "reactions.get" && removals > 0) await retaken;
      });
      await oneTicketAndTruth(slack, ts, await twins(slack, ts));
    },
  );

  await t.step(
    "alone, its mark left, its own record read back: it says none was made",
    async () => {
      const { slack, ts } = await reactedMessage("Badge reader broken");
      await using _slack = slack;
      slack.fail({ method: "reactions.remove", error: "internal_error" });
      // Once it is released, a read of the mark's record answers the run's
      // own record of taking it, as a stale read may (docs/platform.md).
      let own: Record<string, unknown> | undefined;
      const reads: RecordedCall[] = [];
      slack.onCall((c) => {
        if (markPut(c, /^intake/)) own = c.args.item as typeof own;
        if (markPut(c, /^released$/) && own) {
          slack.fail({
            method: "apps.datastore.get",
            when: (args) => args.datastore === "locks",
            answer: { item: own },
            times: Infinity,
          });
        }
        if (c.method === "apps.datastore.get" && c.args.datastore === "locks") {
          reads.push(c);
        }
      });
      const since = mark(slack);
      await deliver(slack, ts, PEOPLE.agent);
      const told = toldSince(slack, since);
      assert.ok(reads.length > 0, "the mark's record was never read");
      assert.equal(told.length, 1, told.join("\n"));
      assert.match(told[0], SAYS_NONE);
      const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
      assert.equal(await getTicket(checkerClient(slack), id), undefined);
    },
  );

  await t.step(
    "alone, a person's click on the mark left on: it says none was made",
    async () => {
      const { slack, ts } = await reactedMessage("Projector dead");
      await using _slack = slack;
      // Someone clicked Helpdesk's mark as seen elsewhere: the same emoji,
      // theirs, stays when Helpdesk takes its own back.
      slack.workspace.react(GENERAL, ts, TICKET_MARK, PEOPLE.bystander);
      const since = mark(slack);
      await deliver(slack, ts, PEOPLE.agent);
      const told = toldSince(slack, since);
      assert.ok(slack.callsTo("reactions.remove").length > 0, "not taken back");
      assert.equal(told.length, 1, told.join("\n"));
      assert.match(told[0], SAYS_NONE);
    },
  );
});

const SAYS_MADE = /made from that message after all/;

/**
 * Both deliveries, the twin's mark landing only once the first run has told
 * its reactor no ticket was made and ended (a delivery slower than the wait
 * for it), or once what `stage` answers settles (given the first run's
 * end). Their results: the run that failed, the twin's.
 */
async function lateTwin(
  slack: FakeSlack,
  ts: string,
  stage = (firstEnded: Promise<void>) => firstEnded,
) {
  const firstEnded = Promise.withResolvers<void>();
  const twinMayMark = stage(firstEnded.promise);
  let adds = 0;
  slack.beforeAnswer(async (method) => {
    if (method === "reactions.add" && adds++ === 1) await twinMayMark;
  });
  const runs = [
    deliver(slack, ts, PEOPLE.agent),
    deliver(slack, ts, PEOPLE.agent),
  ];
  Promise.race(runs).finally(() => firstEnded.resolve());
  const results = await Promise.all(runs);
  const made = (r: unknown) =>
    Boolean((r as { outputs?: { ticket_id?: string } }).outputs?.ticket_id);
  const first = results.find((r) => !made(r));
  const twin = results.find(made);
  assert.ok(first && twin, JSON.stringify(results));
  return { first, twin };
}

/** The ticket made from `ts`, finished, with one card and one reply. */
async function madeOnce(slack: FakeSlack, ts: string) {
  const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
  const ticket = await getTicket(checkerClient(slack), id);
  assert.ok(ticket, "the twin made no ticket");
  assert.equal(ticket.setup_pending, undefined, "not finished");
  const cards = slack.workspace.messagesIn(TRIAGE).filter((m) =>
    m.text.includes(ticket.key) && !m.thread_ts
  );
  assert.equal(cards.length, 1, `${cards.length} cards`);
  const replies = slack.workspace.messagesIn(GENERAL).filter((m) =>
    m.thread_ts === ts && m.text.includes(ticket.key)
  );
  assert.equal(replies.length, 1, `${replies.length} thread replies`);
  return ticket;
}

/** The reactor's ephemerals fail, so they are told by DM. */
function noEphemerals(slack: FakeSlack) {
  slack.fail({
    method: "chat.postEphemeral",
    error: "user_not_in_channel",
    when: (args) => args.user === PEOPLE.agent,
    times: Infinity,
  });
}

Deno.test("a twin that makes the ticket after the failed run said none corrects it", async (t) => {
  using _waits = shortWaits();

  await t.step(
    "told in an ephemeral: a correction naming the ticket, once",
    async () => {
      const { slack, ts } = await reactedMessage("Printer jammed");
      await using _slack = slack;
      const since = mark(slack);
      await lateTwin(slack, ts);
      const ticket = await madeOnce(slack, ts);
      const told = toldSince(slack, since);
      const none = told.findIndex((text) => SAYS_NONE.test(text));
      const made = told.filter((text) => SAYS_MADE.test(text));
      assert.ok(none >= 0, told.join("\n"));
      assert.equal(made.length, 1, told.join("\n"));
      assert.ok(told.indexOf(made[0]) > none, "corrected before it was said");
      assert.match(made[0], new RegExp(`\\|${ticket.key}>`));
      assert.match(made[0], new RegExp(`<${slack.workspace.url}`));
      // A run finishing the same ticket again says nothing more.
      const spot = { channel: GENERAL, message_ts: ts };
      await correctToldNone(
        checkerClient(slack),
        { ...spot, reaction: "ticket", user: PEOPLE.agent },
        ticket,
        "https://example.invalid/card",
      );
      assert.deepEqual(toldSince(slack, since), told);
    },
  );

  await t.step("told in a DM: that DM edited in place", async () => {
    const { slack, ts } = await reactedMessage("Scanner jammed");
    await using _slack = slack;
    noEphemerals(slack);
    const since = mark(slack);
    await lateTwin(slack, ts);
    const ticket = await madeOnce(slack, ts);
    const dms = slack.workspace.dmsTo(PEOPLE.agent).slice(since.dms);
    assert.equal(dms.length, 1, dms.map((m) => m.text).join("\n"));
    assert.match(dms[0].text, SAYS_MADE);
    assert.ok(dms[0].text.includes(ticket.key), dms[0].text);
    assert.ok(dms[0].edited, "not edited");
    assert.equal(slack.workspace.ephemerals.length, since.eph);
  });

  await t.step(
    "the DM's edit window closed: the correction is said anew",
    async () => {
      const { slack, ts } = await reactedMessage("Badge reader broken");
      await using _slack = slack;
      noEphemerals(slack);
      slack.workspace.editWindowSeconds = 0;
      const since = mark(slack);
      await lateTwin(slack, ts);
      const ticket = await madeOnce(slack, ts);
      const dms = slack.workspace.dmsTo(PEOPLE.agent).slice(since.dms);
      assert.equal(dms.length, 2, dms.map((m) => m.text).join("\n"));
      assert.match(dms[0].text, SAYS_NONE);
      assert.match(dms[1].text, SAYS_MADE);
      assert.ok(dms[1].text.includes(ticket.key), dms[1].text);
      assert.ok(
        slack.callsTo("chat.update").some((c) =>
          c.response.error === "edit_window_closed"
        ),
        "no edit was tried",
      );
    },
  );

  await t.step(
    "the twin done before the failed run kept where it told: it corrects itself",
    async () => {
      const { slack, ts } = await reactedMessage("Projector dead");
      await using _slack = slack;
      const since = mark(slack);
      // The twin marks once the failed run has told its reactor, and ends
      // first: the failed run is held keeping where it told until then.
      await lateTwin(slack, ts, (firstEnded) => {
        slack.beforeAnswer(async (method, args) => {
          const item = args.item as { id?: unknown } | undefined;
          if (
            method === "apps.datastore.put" && args.datastore === "locks" &&
            String(item?.id).startsWith("told:")
          ) await firstEnded;
        });
        return answered(
          slack,
          (c) => c.method === "chat.postEphemeral" && c.response.ok === true,
        );
      });
      const ticket = await madeOnce(slack, ts);
      const said = toldSince(slack, since);
      const made = said.filter((text) => SAYS_MADE.test(text));
      assert.equal(made.length, 1, said.join("\n"));
      assert.ok(made[0].includes(ticket.key), made[0]);
    },
  );

  await t.step(
    "each sees the other's doing: the correction is said once",
    async () => {
      const { slack, ts } = await reactedMessage("Monitor flickers");
      await using _slack = slack;
      const since = mark(slack);
      // The twin marks once the failed run, having kept where it told, is
      // looking for a ticket; that look is answered once the twin has
      // ended: both find what the other wrote.
      await lateTwin(slack, ts, (firstEnded) => {
        const looking = Promise.withResolvers<void>();
        let kept = false;
        slack.onCall((c) => {
          const item = c.args.item as { id?: unknown } | undefined;
          kept ||= c.method === "apps.datastore.put" &&
            String(item?.id).startsWith("told:") && c.response.ok === true;
        });
        let held = false;
        slack.beforeAnswer(async (method, args) => {
          if (
            kept && !held && method === "apps.datastore.get" &&
            args.datastore === "tickets"
          ) {
            held = true;
            looking.resolve();
            await firstEnded;
          }
        });
        return looking.promise;
      });
      const ticket = await madeOnce(slack, ts);
      const said = toldSince(slack, since);
      const made = said.filter((text) => SAYS_MADE.test(text));
      assert.equal(made.length, 1, said.join("\n"));
      assert.ok(made[0].includes(ticket.key), made[0]);
    },
  );

  await t.step("a correction that fails leaves the ticket made", async () => {
    const { slack, ts } = await reactedMessage("Keyboard sticky");
    await using _slack = slack;
    // Neither an ephemeral nor a DM gets the correction through.
    for (const method of ["chat.postEphemeral", "chat.postMessage"]) {
      slack.fail({
        method,
        error: "internal_error",
        when: (args) => SAYS_MADE.test(String(args.text)),
        times: Infinity,
      });
    }
    const since = mark(slack);
    const { twin } = await lateTwin(slack, ts);
    const ticket = await madeOnce(slack, ts);
    assert.deepEqual(twin, { outputs: { ticket_id: ticket.id } });
    const said = toldSince(slack, since);
    assert.ok(said.some((text) => SAYS_NONE.test(text)), said.join("\n"));
    assert.ok(
      slack.callsTo("chat.postEphemeral").some((c) =>
        SAYS_MADE.test(String(c.args.text)) && c.response.ok === false
      ),
      "no correction was tried",
    );
  });
});
