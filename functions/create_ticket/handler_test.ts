import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CREATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  ACTION_TRIGGER_URL,
  configure,
  defaultSettings,
  functionContext,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
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

Deno.test("create_ticket in a private channel Helpdesk isn't in explains the invite", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ triage_channel: PRIVATE_TRIAGE }));
  const result = await run(slack);
  assert.match(result.error!, /\/invite @Helpdesk/);
  assert.doesNotMatch(result.error!, /^channel_not_found$/);
  assert.equal((await storedTickets(slack)).length, 0);
  const dms = slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text);
  assert.deepEqual(dms, [result.error]);
});

Deno.test("create_ticket removes the card and DM when the ticket can't be saved", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.fail({ method: "apps.datastore.put", error: "datastore_error" });
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
  assert.equal((await storedTickets(slack)).length, 0);
});

Deno.test("create_ticket without chat:write names the missing scope", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.grantScopes(["datastore:read", "datastore:write"]);
  const result = await run(slack);
  assert.match(result.error!, /missing the Slack permission `chat:write`/);
  assert.match(result.error!, /slack deploy/);
});

Deno.test("create_ticket runs independent calls at once: 7 calls in 3 round trips", async () => {
  await using slack = await startFakeSlack({ latencyMs: 20 });
  await configure(slack);
  const result = await run(slack);
  assert.equal(result.error, undefined);
  assert.deepEqual(slack.calls.map((c) => c.method).sort(), [
    "apps.datastore.bulkPut",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.get",
    "apps.datastore.put",
    "chat.postMessage",
    "chat.postMessage",
  ]);
  // settings + key check + queue | card | ticket + lookups + DM
  assert.equal(slack.sequentialRounds(), 3);
});
