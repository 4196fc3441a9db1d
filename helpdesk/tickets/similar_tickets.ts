// "Looks alike": which open tickets of a queue might be the same problem as
// this one, for the Merge form to offer first. A plain word overlap of the
// summaries is enough for people who report one outage in their own words
// ("printer on 3 broken", "3rd floor printer not printing"); the agent
// chooses, so a wrong guess costs nothing.
import type { Ticket } from "./model.ts";

/** Words that say nothing about which problem it is. */
const COMMON = new Set([
  "the",
  "and",
  "for",
  "not",
  "with",
  "can",
  "cant",
  "does",
  "doesnt",
  "isnt",
  "wont",
  "from",
  "this",
  "that",
  "have",
  "has",
  "any",
  "our",
  "please",
  "help",
  "issue",
  "problem",
  "working",
  "work",
  "broken",
]);

/** The summary's telling words, lower case, without punctuation. */
export function wordsOf(text: string): Set<string> {
  const words = text.toLowerCase().normalize("NFKC").replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !COMMON.has(w));
  return new Set(words);
}

/** Shared words over all words of both (0 to 1). */
export function likeness(a: string, b: string): number {
  const one = wordsOf(a);
  const other = wordsOf(b);
  if (one.size === 0 || other.size === 0) return 0;
  let shared = 0;
  for (const word of one) if (other.has(word)) shared++;
  return shared / (one.size + other.size - shared);
}

/**
 * The candidates whose summaries share a word with `ticket`'s, most alike
 * first (newest first among equals), at most `limit`; never the ticket
 * itself.
 */
export function alikeTickets<T extends Pick<Ticket, "id" | "summary">>(
  ticket: Pick<Ticket, "id" | "summary">,
  candidates: readonly T[],
  limit: number,
): T[] {
  return candidates
    .filter((c) => c.id !== ticket.id)
    .map((c) => ({ c, score: likeness(ticket.summary, c.summary) }))
    .filter(({ score }) => score > 0)
    .sort((x, y) =>
      y.score - x.score || (x.c.id < y.c.id ? 1 : x.c.id > y.c.id ? -1 : 0)
    )
    .slice(0, limit)
    .map(({ c }) => c);
}
