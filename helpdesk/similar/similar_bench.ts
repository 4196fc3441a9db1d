// A similar-tickets search over an index of 10,000 and of 100,000 solved
// tickets: the same rows read, the same postings scored, the same answer.
// Each term row keeps its newest postings only (bm25.ts), so a search costs
// its terms' rows, not the history. The index is built in memory as the
// store builds it (dev/testing/solved_index_fixture.ts); the reads through
// the store are counted in use_cases/opening/solved_suggestions_test.ts.
import { rank } from "./bm25.ts";
import { termsOf } from "./terms.ts";
import {
  PLANTED_TEXT,
  QUESTION,
  solvedIndex,
} from "../../dev/testing/solved_index_fixture.ts";

const terms = termsOf(QUESTION);
for (const size of [10_000, 100_000]) {
  const { rows, stats } = solvedIndex(size, [
    { id: "ANSWER", text: PLANTED_TEXT },
  ]);
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
