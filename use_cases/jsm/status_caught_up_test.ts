// The scheduled retry follows a status JSM set that the ticket missed
// (jsm_status_catch_up.ts) on the ticket it read before taking the lock.
// When a later webhook followed JSM meanwhile (the mark cleared, the
// status noted), the retry must say nothing more: the thread was told.
import assert from "node:assert/strict";
import {
  configure,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { followJsmStatus } from "./jsm_status_follow.ts";

Deno.test("a missed JSM status followed meanwhile is not said again", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, ticket } = await openSyncedTicket(slack, jsm, "s3cret", {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  const now = Math.floor(Date.now() / 1000);
  const stored = await storedTicket(slack, ticket.id);
  // The retry's read: the mark on, JSM's status as it was before.
  const stale = { ...stored, jsm_status_missed_at: now - 60 };
  // Stored since: a webhook noted "Awaiting vendor" (no Helpdesk status) and
  // cleared the mark, telling the thread.
  await putTicket(client, {
    ...stored,
    jsm_status: "Awaiting vendor",
    jsm_status_missed_at: undefined,
  });
  const thread = () => slack.workspace.repliesTo(TRIAGE, stored.card_ts!);
  const before = thread().length;
  const settings = (await getSettings(client))!;
  const followed = await followJsmStatus(
    client,
    settings,
    stale,
    "Awaiting vendor",
    now,
    true,
  );
  assert.equal(followed.incomplete, undefined);
  assert.deepEqual(thread().slice(before).map((m) => m.text), []);
});
