// My tickets and Open tickets read the open work index once the scheduled
// run's walk says it holds what they need, and the tickets table before
// that (use_cases/lists/, slack/storage/list_index.ts). Their tests run once
// for each, so both sources must show the same lists.
import assert from "node:assert/strict";
import { startFakeSlack } from "./harness.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import { WALK_STATE_ID } from "../../slack/storage/work_store.ts";

export const LIST_SOURCES = [
  "the tickets table",
  "the open work index",
] as const;
export type ListSource = typeof LIST_SOURCES[number];

/** Sets where the lists read from, as the walk's state says it. */
export async function readListsFrom(slack: FakeSlack, source: ListSource) {
  await slack.datastores.put("ticket_work", {
    id: WALK_STATE_ID,
    walk_passes: 1,
    walk_lists_ready: source === "the open work index",
  });
}

/** A test run once for each source, with a fake Slack set up for it. */
export function listTest(
  name: string,
  fn: (startSlack: () => Promise<FakeSlack>) => Promise<void>,
) {
  for (const source of LIST_SOURCES) {
    Deno.test(`${name} (from ${source})`, async () => {
      const started: FakeSlack[] = [];
      await fn(async () => {
        const slack = await startFakeSlack();
        await readListsFrom(slack, source);
        started.push(slack);
        return slack;
      });
      if (source !== "the open work index") return;
      // Read from the index: the tickets table is never scanned.
      for (const slack of started) {
        const scans = slack.callsTo("apps.datastore.query").filter((call) =>
          call.args.datastore === "tickets"
        );
        assert.equal(scans.length, 0, "the tickets table was scanned");
      }
    });
  }
}
