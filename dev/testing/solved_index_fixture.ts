// A similar-tickets index of many solved tickets, built in memory the way
// the store builds it (each term row keeps its newest postings only), for
// the bench and for the test that searches it through the fake Slack. Ticket
// texts follow a Zipf-like spread of 3,000 words; every tenth mentions a
// printer, so that word is common, and one answer is planted among the
// newest.
import {
  type CorpusStats,
  MAX_POSTINGS,
  type TermRow,
} from "../../helpdesk/similar/bm25.ts";
import { termCounts } from "../../helpdesk/similar/terms.ts";

const VOCABULARY = 3000;

/** The question the planted answer answers. */
export const QUESTION =
  "printer on floor 3 jams on every page, toner light blinks";
export const PLANTED_TEXT = "Printer jams on every page; toner light blinks";

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * `tickets` generated solved tickets (ids T0…), with each of `planted`
 * added 50 before the newest, in order.
 */
export function solvedIndex(
  tickets: number,
  planted: readonly { id: string; text: string }[],
): { rows: Map<string, TermRow>; stats: CorpusStats } {
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
    if (i % 10 === 0) words.push("printer");
    add(`T${i}`, words.join(" "));
    if (i === tickets - 50) {
      for (const p of planted) add(p.id, p.text);
    }
  }
  for (const row of rows.values()) {
    row.postings = row.postings.slice(-MAX_POSTINGS);
  }
  return { rows, stats };
}
