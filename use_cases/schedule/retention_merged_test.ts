// A duplicate closed long ago lives on in the ticket it was merged into:
// its requester follows that one and writes in the duplicate's thread, so
// retention leaves it while the kept ticket is open, and purges both once
// the kept one is due.
import assert from "node:assert/strict";
import {
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { clientFor } from "../../dev/testing/harness.ts";

const D = 86_400;
const now = Math.floor(Date.now() / 1000);
const SAM = PEOPLE.bystander;

const exists = async (slack: FakeSlack, id: string) => {
  const item = await slack.datastores.get("tickets", id);
  return Boolean(item && Object.keys(item).length);
};

Deno.test("retention keeps a duplicate while the ticket it follows is open", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ retention_days: 60 }));
  const kept = await openTestTicket(slack, {
    status: "in_progress",
    assignee: PEOPLE.agent,
    created_at: now - 100 * D,
    updated_at: now - D,
  });
  const duplicate = await openTestTicket(slack, {
    requester: SAM,
    status: "closed",
    close_reason: "duplicate",
    created_at: now - 95 * D,
    closed_at: now - 90 * D,
    updated_at: now - 90 * D,
    merged_into: kept.id,
    merged_into_key: kept.key,
  });
  await putTicket(clientFor(slack), {
    ...await storedTicket(slack, kept.id),
    merged_from: [duplicate.key],
    followers: [SAM],
  });

  await t.step("the kept ticket open: the duplicate stays", async () => {
    for (let i = 0; i < 3; i++) await run(slack, now + i * 900);
    assert.ok(await exists(slack, duplicate.id), "the duplicate is kept");
    assert.ok(await exists(slack, kept.id));
  });

  await t.step("the kept ticket closed long ago: both go", async () => {
    await putTicket(clientFor(slack), {
      ...await storedTicket(slack, kept.id),
      status: "closed",
      resolved_at: now - 80 * D,
      closed_at: now - 75 * D,
      updated_at: now - 75 * D,
    });
    for (let i = 3; i < 8; i++) await run(slack, now + i * 900);
    assert.equal(await exists(slack, kept.id), false, "the kept ticket");
    assert.equal(await exists(slack, duplicate.id), false, "its duplicate");
  });
});
