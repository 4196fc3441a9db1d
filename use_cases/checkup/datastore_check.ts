// Whether the datastore reads its own writes: Slack's datastores are
// DynamoDB tables (docs.slack.dev, "Using datastores") and document no
// read-after-write consistency; DynamoDB's default reads are eventually
// consistent ("a read might not reflect the results of a recently completed
// write", docs.aws.amazon.com, "Read consistency"). The lock's record and
// every change under the lock read right after writing, so N put→get pairs
// on one scratch item count the reads that came back older.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  deleteScratch,
  getScratch,
  putScratch,
} from "../../slack/storage/checkup_store.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";

export const DATASTORE_CHECK = "Datastore reads its own writes";
export const PUT_GET_PAIRS = 8;

export async function checkDatastore(
  client: SlackAPIClient,
  run: string,
  pairs = PUT_GET_PAIRS,
): Promise<CheckupLine> {
  const id = `scratch:${run}`;
  let stale = 0;
  try {
    for (let i = 1; i <= pairs; i++) {
      const written = `${run}:${i}`;
      await putScratch(client, id, written);
      if ((await getScratch(client, id)) !== written) stale++;
    }
  } finally {
    await deleteScratch(client, id).catch(() => {});
  }
  if (stale === 0) {
    return pass(
      DATASTORE_CHECK,
      `${pairs} of ${pairs} reads right after a write saw that write.`,
    );
  }
  return fail(
    DATASTORE_CHECK,
    `${stale} of ${pairs} reads right after a write saw an older version.`,
    "Helpdesk waits for its own writes where it must, but clicks on one ticket in quick succession may be refused more often. Run the check-up again later; if stale reads stay common, report it to Slack with these numbers.",
  );
}
