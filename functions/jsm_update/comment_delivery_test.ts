// An agent's public answer in JSM reaches everyone it is for, whole: the
// requesters of tickets merged into it too (their merge DM promised them
// the kept ticket's news, and Slack replies already reach them), and a long
// answer in parts, never cut short.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret";
const SAM = PEOPLE.bystander;

Deno.test("a JSM answer on a kept ticket reaches its merged requesters", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  // Sam's duplicate was merged into it: he follows it.
  const kept = await storedTicket(slack, ticket.id);
  await putTicket(client, {
    ...kept,
    followers: [SAM],
    merged_from: ["HD-SAMS01"],
  });
  const receive = (inputs: Record<string, string>) =>
    handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: SECRET,
      issue_key: kept.jsm_key!,
      ...inputs,
    }, env));
  const samsBefore = slack.workspace.dmsTo(SAM).length;
  const result = await receive({
    comment: "New toner is in tray 2",
    comment_author: "Grace (IT)",
    comment_public: "true",
  });
  assert.equal(result.outputs?.result, "comment relayed");
  const toSam = slack.workspace.dmsTo(SAM).slice(samsBefore);
  assert.equal(toSam.length, 1);
  assert.match(toSam[0].text, /New toner is in tray 2/);
  assert.match(
    toSam[0].text,
    new RegExp(`${kept.key}>, which your ticket was merged into`),
  );
  assert.match(
    slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
    new RegExp(`your ticket <[^|]+\\|${kept.key}>`),
  );
  // An internal comment still reaches nobody.
  const internal = await receive({
    comment: "Charge cost centre 42",
    comment_public: "false",
  });
  assert.equal(internal.outputs?.result, "internal comment not relayed");
  assert.equal(slack.workspace.dmsTo(SAM).length, samsBefore + 1);

  // JSM takes comments far longer than one Slack message shows.
  const words = Array.from({ length: 900 }, (_, i) => `step${i}`);
  const rileysBefore = slack.workspace.dmsTo(PEOPLE.requester).length;
  const long = await receive({
    comment: `${words.join(" ")} <!channel> the end`,
    comment_author: "Grace (IT)",
    comment_public: "true",
  });
  assert.equal(long.outputs?.result, "comment relayed");
  const cardTs = (await storedTicket(slack, ticket.id)).card_ts!;
  for (
    const got of [
      slack.workspace.dmsTo(PEOPLE.requester).slice(rileysBefore),
      slack.workspace.dmsTo(SAM).slice(samsBefore + 1),
      slack.workspace.repliesTo(kept.card_channel!, cardTs).filter((m) =>
        m.text.includes("step") || m.text.includes("the end")
      ),
    ]
  ) {
    assert.ok(got.length > 1, "in parts");
    assert.ok(got.every((m) => m.text.length <= 3000));
    const all = got.map((m) => m.text).join("\n");
    for (const word of words) assert.ok(all.includes(word), word);
    assert.match(all, /&lt;!channel&gt; the end/);
    assert.ok(!all.includes("<!channel>"));
  }
});
