// A similar-tickets search over an index of 10,000 and of 100,000 solved
// tickets: the same rows read, the same postings scored, the same answer.
// Each term row keeps its newest postings only (bm25.ts), so a search costs
// its terms' rows, not the history. The index is built in memory as the
// store builds it; the store's reads are counted in similar_index_test.ts.
import { MAX_POSTINGS, rank, type TermRow } from "./bm25.ts";
import { termCounts, termsOf } from "./terms.ts";

const VOCABULARY = 3000;
const QUESTION = "printer on floor 3 jams on every page, toner light blinks";

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Ticket texts whose words follow a Zipf-like spread, the answer planted. */
function indexOf(tickets: number) {
  const next = random(tickets);
  const rows = new Map<string, TermRow>();
  const stats = { docs: 0, totalLength: 0 };
  const add = (id: string, text: string) => {
    const { counts, length } = termCounts(text);
    stats.docs++;
    stats.totalLength += length;
    // As withPosting does for a ticket not yet listed, trimmed in bulk.
    for (const [term, tf] of counts) {
      const row = rows.get(term) ?? { term, df: 0, postings: [] };
      row.df++;
      row.postings.push({ id, tf, length });
      if (row.postings.length > 2 * MAX_POSTINGS) {
        row.postings = row.postings.slice(-MAX_POSTINGS);
      }
      rows.set(term, row);
    }
  };
  for (let i = 0; i < tickets; i++) {
    const words = Array.from(
      { length: 12 },
      () => `w${Math.floor(VOCABULARY ** next())}`,
    );
    // Every tenth ticket is about a printer, so the word is common.
    if (i % 10 === 0) words.push("printer");
    add(`T${i}`, words.join(" "));
    // Planted among the last solved: the one that should come first.
    if (i === tickets - 50) {
      add("ANSWER", "Printer jams on every page; toner light blinks");
    }
  }
  for (const row of rows.values()) {
    row.postings = row.postings.slice(-MAX_POSTINGS);
  }
  return { rows, stats };
}

const terms = termsOf(QUESTION);
for (const size of [10_000, 100_000]) {
  const { rows, stats } = indexOf(size);
  const read = terms.filter((t) => rows.has(t));
  const scored = read.reduce((n, t) => n + rows.get(t)!.postings.length, 0);
  const top = rank(terms, rows, stats, 5);
  console.log(
    `${size} solved tickets: ${read.length} term rows read, ${scored} postings scored, first: ${
      top[0]?.id
    }`,
  );
  Deno.bench(`similar tickets, ${size} solved`, {
    group: "similar",
    baseline: size === 10_000,
  }, () => {
    rank(terms, rows, stats, 5);
  });
}
