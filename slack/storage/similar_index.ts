// The similar-tickets index, in the lookup datastore: per queue, one item a
// term (`similar:<queue>:<term>`) and one with the queue's counts
// (`similar:<queue>:`). A search reads the items of its own terms, by key,
// at most MAX_QUERY_TERMS + 1 of them, so its cost follows the question and
// the index's bounded rows (helpdesk/similar/bm25.ts), never the history.
//
// Adding reads the rows it changes and writes them back: datastores have no
// conditional write, so only one run may add at a time (the scheduled run),
// or two solved tickets sharing a word could each drop the other's posting.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { TicketLookupDatastore } from "./datastore_refs.ts";
import {
  BULK_PUT_LIMIT,
  bulkGetItems,
  bulkPutItems,
  chunked,
  type StoredItem,
} from "./datastore.ts";
import {
  type CorpusStats,
  decodePosting,
  encodePosting,
  rank,
  type Ranked,
  type TermRow,
  withPosting,
} from "../../helpdesk/similar/bm25.ts";
import { termCounts, termsOf } from "../../helpdesk/similar/terms.ts";

type LookupItem = StoredItem<typeof TicketLookupDatastore>;

/** The most terms a search reads: a long description adds nothing more. */
export const MAX_QUERY_TERMS = 24;

const statsId = (queueId: string) => `similar:${queueId}:`;
const termId = (queueId: string, term: string) => `similar:${queueId}:${term}`;

function rowOf(item: LookupItem, term: string): TermRow {
  return {
    term,
    df: typeof item.df === "number" ? item.df : 0,
    postings: (item.postings ?? []).flatMap((p) => decodePosting(p) ?? []),
  };
}

async function readIndex(
  client: SlackAPIClient,
  queueId: string,
  terms: readonly string[],
): Promise<{ rows: Map<string, TermRow>; stats: CorpusStats }> {
  const byId = new Map(terms.map((t) => [termId(queueId, t), t]));
  const items = await bulkGetItems(client, TicketLookupDatastore, [
    statsId(queueId),
    ...byId.keys(),
  ]);
  const rows = new Map<string, TermRow>();
  let stats: CorpusStats = { docs: 0, totalLength: 0 };
  for (const item of items) {
    if (item.lookup === statsId(queueId)) {
      stats = {
        docs: typeof item.docs === "number" ? item.docs : 0,
        totalLength: typeof item.total_length === "number"
          ? item.total_length
          : 0,
      };
      continue;
    }
    const term = byId.get(item.lookup);
    if (term) rows.set(term, rowOf(item, term));
  }
  return { rows, stats };
}

/** The query's distinct terms, in order, at most MAX_QUERY_TERMS. */
export function queryTerms(text: string): string[] {
  return [...new Set(termsOf(text))].slice(0, MAX_QUERY_TERMS);
}

/** The queue's solved tickets most like `text`, best first. */
export async function searchSimilar(
  client: SlackAPIClient,
  queueId: string,
  text: string,
  limit: number,
  exclude: ReadonlySet<string> = new Set(),
): Promise<Ranked[]> {
  const terms = queryTerms(text);
  if (!terms.length) return [];
  const { rows, stats } = await readIndex(client, queueId, terms);
  return rank(terms, rows, stats, limit, exclude);
}

export interface SolvedText {
  id: string;
  /** Its summary and description. */
  text: string;
}

/**
 * Adds solved tickets of one queue to its index (one writer at a time, see
 * above). A ticket added again replaces its postings and is counted once
 * more in the queue's totals, which only weigh terms.
 */
export async function addSolved(
  client: SlackAPIClient,
  queueId: string,
  tickets: readonly SolvedText[],
): Promise<void> {
  const counted = tickets.map((t) => ({ id: t.id, ...termCounts(t.text) }))
    .filter((t) => t.length > 0);
  if (!counted.length) return;
  const terms = [...new Set(counted.flatMap((t) => [...t.counts.keys()]))];
  const { rows, stats } = await readIndex(client, queueId, terms);
  for (const { id, counts, length } of counted) {
    stats.docs++;
    stats.totalLength += length;
    for (const [term, tf] of counts) {
      rows.set(term, withPosting(rows.get(term), term, { id, tf, length }));
    }
  }
  const items = indexItems(queueId, rows.values(), stats);
  const failed = (await Promise.all(
    chunked(items, BULK_PUT_LIMIT).map((chunk) =>
      bulkPutItems(client, TicketLookupDatastore, chunk)
    ),
  )).flat();
  if (failed.length) {
    throw new Error(`${failed.length} index rows of ${queueId} not written`);
  }
}

/** The lookup items of a queue's index: its term rows and its counts. */
export function indexItems(
  queueId: string,
  rows: Iterable<TermRow>,
  stats: CorpusStats,
): LookupItem[] {
  return [
    ...[...rows].map((row) => ({
      lookup: termId(queueId, row.term),
      df: row.df,
      postings: row.postings.map(encodePosting),
    })),
    {
      lookup: statsId(queueId),
      docs: stats.docs,
      total_length: stats.totalLength,
    },
  ];
}

/**
 * Takes tickets out of one queue's index (a purge or an erasure): their
 * postings leave the rows of their words. Rows that no longer hold them are
 * left alone; the queue's totals, which only weigh terms, stay.
 */
export async function removeSolved(
  client: SlackAPIClient,
  queueId: string,
  tickets: readonly SolvedText[],
): Promise<void> {
  const ids = new Set(tickets.map((t) => t.id));
  const terms = [...new Set(tickets.flatMap((t) => termsOf(t.text)))];
  if (!terms.length) return;
  const { rows } = await readIndex(client, queueId, terms);
  const items: LookupItem[] = [];
  for (const row of rows.values()) {
    const kept = row.postings.filter((p) => !ids.has(p.id));
    if (kept.length === row.postings.length) continue;
    items.push({
      lookup: termId(queueId, row.term),
      df: row.df,
      postings: kept.map(encodePosting),
    });
  }
  const failed = (await Promise.all(
    chunked(items, BULK_PUT_LIMIT).map((chunk) =>
      bulkPutItems(client, TicketLookupDatastore, chunk)
    ),
  )).flat();
  if (failed.length) {
    throw new Error(`${failed.length} index rows of ${queueId} not cleared`);
  }
}
