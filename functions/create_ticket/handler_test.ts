import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CREATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  ACTION_TRIGGER_URL,
  clientFor,
  configure,
  defaultSettings,
  functionContext,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import { repairStalledTickets } from "../../use_cases/schedule/ticket_repair.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";

const inputs = {
  summary: "VPN drops every 10 minutes",
  description: "Since Monday, on the office Wi-Fi only.",
  priority: "high",
  category: "Network",
  requester: PEOPLE.requester,
  source_channel: "CGENERAL",
  source: "form",
};

function run(slack: FakeSlack, overrides: Record<string, unknown> = {}) {
  return handler(
    functionContext(CREATE_TICKET_CALLBACK_ID, slack, {
      ...inputs,
      ...overrides,
    }),
  );
}

async function storedTickets(slack: FakeSlack) {
  return (await slack.datastores.query("tickets", { limit: 1000 })).items;
}

Deno.test("create_ticket", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);

  await t.step(
    "saves the ticket, posts its card and DMs the requester",
    async () => {
      const result = await run(slack);
      assert.equal(result.error, undefined);
      const outputs = result.outputs!;
      assert.match(outputs.ticket_key, /^HD-[0-9A-HJKMNP-TV-Z]{6}$/);
      assert.equal(outputs.status, "new");

      const [card] = slack.workspace.messagesIn(TRIAGE);
      assert.equal(
        outputs.card_permalink,
        `https://helpdesk-test.slack.com/archives/${TRIAGE}/p${
          card.ts.replace(".", "")
        }`,
      );
      const blocks = JSON.stringify(card.blocks);
      assert.ok(blocks.includes(outputs.ticket_key));
      assert.ok(blocks.includes("VPN drops every 10 minutes"));
      assert.ok(blocks.includes(`<@${PEOPLE.requester}>`));
      assert.ok(
        blocks.includes(ACTION_TRIGGER_URL),
        "buttons use the action trigger",
      );
      assert.ok(
        blocks.includes(outputs.ticket_id),
        "buttons carry the ticket id",
      );

      const [dm] = slack.workspace.dmsTo(PEOPLE.requester);
      assert.ok(dm.text.includes(outputs.card_permalink));
      assert.ok(dm.text.includes(outputs.ticket_key));

      const stored = await slack.datastores.get("tickets", outputs.ticket_id);
      assert.equal(stored.key, outputs.ticket_key);
      assert.equal(stored.status, "new");
      assert.equal(stored.priority, "high");
      assert.equal(stored.card_channel, TRIAGE);
      assert.equal(stored.card_ts, card.ts);
      assert.equal(stored.source, "form");
      const byKey = await slack.datastores.get(
        "ticket_lookup",
        `key:${outputs.ticket_key}`,
      );
      const byCard = await slack.datastores.get(
        "ticket_lookup",
        `card:${TRIAGE}:${card.ts}`,
      );
      assert.equal(byKey.ticket_id, outputs.ticket_id);
      assert.equal(byCard.ticket_id, outputs.ticket_id);
    },
  );

  await t.step(
    "refuses bad input with every problem named, and calls nothing",
    async () => {
      slack.clearCalls();
      const result = await run(slack, {
        summary: "   \n ",
        description: "x".repeat(2801),
        priority: "whenever",
      });
      assert.match(result.error!, /summary is empty/);
      assert.match(
        result.error!,
        /description is 2,801 characters; the limit is 2,800/,
      );
      assert.match(result.error!, /"whenever" is not a priority/);
      assert.equal(slack.calls.length, 0);
    },
  );

  await t.step(
    "keys stay unique when many tickets are created at once",
    async () => {
      const results = await Promise.all(
        Array.from(
          { length: 40 },
          (_, i) => run(slack, { summary: `Burst ${i}` }),
        ),
      );
      const keys = new Set(results.map((r) => r.outputs!.ticket_key));
      const ids = new Set(results.map((r) => r.outputs!.ticket_id));
      assert.equal(keys.size, 40);
      assert.equal(ids.size, 40);
    },
  );
});

Deno.test("create_ticket draws another key when the first is taken", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  // The first key drawn is found in ticket_lookup, as if already in use.
  slack.fail({
    method: "apps.datastore.get",
    when: (args) => String(args.id).startsWith("key:"),
    answer: {
      datastore: "ticket_lookup",
      item: { lookup: "key:x", ticket_id: "OLD" },
    },
  });
  const result = await run(slack);
  const keyLookups = slack.callsTo("apps.datastore.get")
    .filter((c) => String(c.args.id).startsWith("key:"));
  assert.equal(keyLookups.length, 2);
  assert.equal(
    result.outputs!.ticket_key,
    String(keyLookups[1].args.id).slice(4),
  );
  assert.notEqual(keyLookups[0].args.id, keyLookups[1].args.id);
});

Deno.test("create_ticket before Helpdesk is configured says what to do", async () => {
  await using slack = await startFakeSlack();
  const result = await run(slack);
  assert.equal(result.error, NOT_CONFIGURED);
  // The only message is the requester's DM saying what to do.
  assert.deepEqual(slack.workspace.messages.map((m) => m.text), [
    NOT_CONFIGURED,
  ]);
  assert.deepEqual(slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text), [
    NOT_CONFIGURED,
  ]);
  assert.equal((await storedTickets(slack)).length, 0);
});

Deno.test("create_ticket joins a public triage channel it was removed from", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.workspace.channels.get(TRIAGE)!.members.delete("UHELPDESKBOT");
  const result = await run(slack);
  assert.equal(result.error, undefined);
  assert.deepEqual(
    slack.calls.map((c) => c.method).filter((m) => m.startsWith("c")),
    [
      "chat.postMessage",
      "conversations.join",
      "chat.postMessage",
      "chat.postMessage",
    ],
  );
  assert.equal(slack.workspace.messagesIn(TRIAGE).length, 1);
});

Deno.test("create_ticket in a private channel Helpdesk isn't in explains the invite, and finishes once invited", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ triage_channel: PRIVATE_TRIAGE }));
  const result = await run(slack);
  assert.match(result.error!, /\/invite @Helpdesk/);
  assert.doesNotMatch(result.error!, /^channel_not_found$/);
  // Saved before anything was shown, and said so: not a lost request.
  const [saved] = await storedTickets(slack);
  assert.equal(saved.setup_pending, true);
  assert.equal(saved.card_ts, undefined);
  assert.match(result.error!, new RegExp(`^${saved.key} is saved, but`));
  const dms = slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text);
  assert.deepEqual(dms, [result.error]);
  // Once invited, the scheduled check posts it: one card, one "open" DM.
  slack.workspace.channels.get(PRIVATE_TRIAGE)!.members.add(BOT_USER_ID);
  const later = Math.floor(Date.now() / 1000) + 120;
  const repaired = await repairStalledTickets(
    clientFor(slack),
    defaultSettings({ triage_channel: PRIVATE_TRIAGE }),
    later,
    () => false,
  );
  assert.equal(repaired.finished, 1);
  assert.equal(slack.workspace.messagesIn(PRIVATE_TRIAGE).length, 1);
  const [shown] = await storedTickets(slack);
  assert.equal(shown.setup_pending, false);
  assert.equal(shown.card_ts, slack.workspace.messagesIn(PRIVATE_TRIAGE)[0].ts);
  assert.equal(slack.workspace.dmsTo(PEOPLE.requester).length, 2);
  assert.match(slack.workspace.dmsTo(PEOPLE.requester)[1].text, /is open/);
});

Deno.test("create_ticket removes the card and DM when the ticket can't be saved", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.fail({
    method: "apps.datastore.put",
    error: "datastore_error",
    when: (args) => args.datastore === "tickets",
  });
  const result = await run(slack);
  assert.match(result.error!, /datastore_error/);
  assert.equal(slack.workspace.messagesIn(TRIAGE).length, 0);
  // The "ticket is open" DM was taken back; what remains says it failed.
  const dms = slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text);
  assert.deepEqual(dms, [result.error]);
  assert.equal((await storedTickets(slack)).length, 0);
});

Deno.test("create_ticket under a rate limit says when to try again", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.fail({ method: "chat.postMessage", status: 429, retryAfterSeconds: 7 });
  const result = await run(slack);
  assert.match(result.error!, /try again in 7 seconds/);
  const stored = await storedTickets(slack);
  assert.deepEqual(stored.map((t) => t.setup_pending), [true]);
  assert.equal(slack.workspace.messagesIn(TRIAGE).length, 0);
});

Deno.test("create_ticket without chat:write names the missing scope", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.grantScopes(["datastore:read", "datastore:write"]);
  const result = await run(slack);
  assert.match(result.error!, /missing the Slack permission `chat:write`/);
  assert.match(result.error!, /slack deploy/);
});

Deno.test("create_ticket opens in 3 round trips: 14 calls", async () => {
  // 150 ms a call: calls sent together overlap even on a loaded machine,
  // whose event loop can hold a call back by tens of ms.
  await using slack = await startFakeSlack({ latencyMs: 150 });
  await configure(slack);
  const result = await run(slack);
  assert.equal(result.error, undefined);
  assert.deepEqual(slack.calls.map((c) => c.method).sort(), [
    "apps.datastore.bulkGet",
    "apps.datastore.bulkPut",
    "apps.datastore.bulkPut",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.put",
    "apps.datastore.update",
    "apps.datastore.update",
    "apps.datastore.update",
    "chat.postMessage",
    "chat.postMessage",
  ]);
  // the same request run minutes ago + settings + queue + key check + an
  // earlier attempt's ticket | ticket + its open work entry + lookups (this
  // request's among them) + card | card recorded (ticket and entry) + card
  // lookup + requester's DM; the suggestions' index read (empty here: no
  // suggestion, no DM) beside the save, adding no round trip
  assert.equal(slack.sequentialRounds(), 3);
  assert.equal(
    slack.calls.filter((c) => c.args.datastore === "ticket_work").length,
    2,
  );
  const call = (method: string, datastore?: string, n = 0) =>
    slack.calls.filter((c) =>
      c.method === method &&
      (datastore === undefined || c.args.datastore === datastore)
    )[n];
  const card = call("chat.postMessage", undefined, 0);
  const dm = call("chat.postMessage", undefined, 1);
  const save = call("apps.datastore.put", "tickets");
  const recorded = call("apps.datastore.update", "tickets");
  // The card goes with the save (a retry adopts it by its metadata); the
  // record and the DM go together, once both are done.
  assert.equal(card.args.channel, TRIAGE);
  assert.ok(card.startedAt < save.endedAt && save.startedAt < card.endedAt);
  for (const after of [dm, recorded]) {
    assert.ok(after.startedAt >= card.endedAt);
    assert.ok(after.startedAt >= save.endedAt);
  }
  assert.ok(dm.startedAt < recorded.endedAt);
});
