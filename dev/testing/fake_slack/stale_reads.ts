// Eventually consistent reads for the fake datastores. Slack's datastores
// are DynamoDB tables (docs.slack.dev, "Using datastores"), and Slack
// documents no read-after-write consistency for apps.datastore.get or
// query; DynamoDB's default reads are eventually consistent ("a read might
// not reflect the results of a recently completed write",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html).
//
// Switched on with `staleReads` (FakeSlackOptions, or
// `slack.staleReads = {...}` at any time; `undefined` switches it off):
// - windowMs: for this long after a write made through the Web API, a read
//   of that item may answer the item as it was before that write (absent,
//   for a new item);
// - chance: how likely each read in the window is to be stale (0–1);
// - depth: "previous" (the default) answers only the item just before the
//   newest write; "any" answers any version replaced within the window,
//   as a replica that missed several writes would.
// get, bulkGet and query answer stale; writes are never lost. Only calls
// through the Web API see it: a test's own slack.datastores.get reads the
// truth, and so do calls made with CONSISTENT_READS_TOKEN (a test checking
// what was stored through the app's own storage code, see checkerClient in
// dev/testing/harness.ts). Helpdesk never has such reads: Slack offers none.
import type { Item } from "./datastores.ts";
import type { Caller } from "./method_handler.ts";

/** Calls with this token always read the newest version. */
export const CONSISTENT_READS_TOKEN = "xwfp-test-checker-consistent-reads";

export interface StaleReadsMode {
  windowMs: number;
  chance: number;
  depth?: "previous" | "any";
}

interface Version {
  item: Item;
  /** When the write that replaced this version landed. */
  replacedAt: number;
}

export class StaleReads {
  mode?: StaleReadsMode;
  /** Versions replaced within the window, per datastore and id. */
  #history = new Map<string, Version[]>();
  /** How many reads answered an older version, for reports. */
  staleAnswers = 0;

  constructor(mode?: StaleReadsMode) {
    this.mode = mode;
  }

  /** Before a write: the item as it was, which reads may still see. */
  replaced(datastore: string, id: string, before: Item) {
    if (!this.mode) return;
    const key = `${datastore}\u0000${id}`;
    const now = performance.now();
    const kept = (this.#history.get(key) ?? []).filter((v) =>
      now - v.replacedAt < this.mode!.windowMs
    );
    kept.push({ item: before, replacedAt: now });
    this.#history.set(key, kept);
  }

  /**
   * Every replica has caught up: what waiting out the window does, at once
   * (for fixtures written long before anyone acts on them, and for runs
   * that come minutes later, like the scheduled check).
   */
  settle() {
    this.#history.clear();
  }

  /** What a read of the item answers: now, or an older version at random. */
  read(datastore: string, id: string, current: Item, caller?: Caller): Item {
    if (!this.mode || caller?.token === CONSISTENT_READS_TOKEN) return current;
    const versions = this.#history.get(`${datastore}\u0000${id}`);
    if (!versions?.length) return current;
    const now = performance.now();
    const recent = versions.filter((v) =>
      now - v.replacedAt < this.mode!.windowMs
    );
    if (!recent.length || Math.random() >= this.mode.chance) return current;
    this.staleAnswers++;
    if (this.mode.depth !== "any") return recent[recent.length - 1].item;
    return recent[Math.floor(Math.random() * recent.length)].item;
  }
}
