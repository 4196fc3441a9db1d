// Ranking solved tickets by how much their words look like a question's:
// Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009), over the term rows a search reads.
// A term row keeps how many tickets ever had the term (its document
// frequency) and the newest postings only, so a search reads a bounded
// number of rows however long the history is.

/** One ticket under one term: how often, and how long the ticket's text. */
export interface Posting {
  id: string;
  tf: number;
  length: number;
}

export interface TermRow {
  term: string;
  /** Tickets that ever had the term, beyond those still listed. */
  df: number;
  postings: Posting[];
}

export interface CorpusStats {
  /** Tickets indexed. */
  docs: number;
  /** Their lengths added up, for the average. */
  totalLength: number;
}

export interface Ranked {
  id: string;
  score: number;
}

/** The usual constants: term frequency saturation and length weight. */
const K1 = 1.2;
const B = 0.75;

/** Inverse document frequency, never negative (the "+1" variant). */
export function idf(docs: number, df: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/**
 * The best `limit` tickets for the query's terms (repeats count once), best
 * first, ties by id; tickets in `exclude` (the asking ticket itself) never.
 */
export function rank(
  queryTerms: readonly string[],
  rows: ReadonlyMap<string, TermRow>,
  stats: CorpusStats,
  limit: number,
  exclude: ReadonlySet<string> = new Set(),
): Ranked[] {
  if (stats.docs <= 0) return [];
  const avg = stats.totalLength / stats.docs || 1;
  const scores = new Map<string, number>();
  for (const term of new Set(queryTerms)) {
    const row = rows.get(term);
    if (!row) continue;
    const weight = idf(stats.docs, Math.max(row.df, row.postings.length));
    for (const { id, tf, length } of row.postings) {
      if (exclude.has(id)) continue;
      const norm = tf + K1 * (1 - B + B * (length / avg));
      scores.set(id, (scores.get(id) ?? 0) + weight * (tf * (K1 + 1)) / norm);
    }
  }
  return [...scores].map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** Newest postings a term row keeps: a search's cost stays bounded. */
export const MAX_POSTINGS = 400;

/**
 * The row with the ticket's posting added (or replaced, when it is indexed
 * again), oldest dropped past MAX_POSTINGS.
 */
export function withPosting(
  row: TermRow | undefined,
  term: string,
  posting: Posting,
): TermRow {
  const kept = (row?.postings ?? []).filter((p) => p.id !== posting.id);
  const known = (row?.postings ?? []).length !== kept.length;
  return {
    term,
    df: (row?.df ?? 0) + (known ? 0 : 1),
    postings: [...kept, posting].slice(-MAX_POSTINGS),
  };
}

// Postings are stored as "id:tf:length", a few dozen bytes each.
export function encodePosting(p: Posting): string {
  return `${p.id}:${p.tf}:${p.length}`;
}

export function decodePosting(text: string): Posting | undefined {
  const match = /^([^:]+):(\d+):(\d+)$/.exec(text);
  if (!match) return undefined;
  return { id: match[1], tf: Number(match[2]), length: Number(match[3]) };
}
