// The words a ticket is found by: its summary and description, lower case,
// split at anything that is not a letter or a digit, without the common
// words that say nothing about a problem. Plain and deterministic, so the
// same text always gives the same terms when indexed and when searched.

/** English words too common to tell tickets apart. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about after again all also am an and any are as at be because been " +
    "before being but by can cannot could did do does doing don't for from " +
    "get gets got had has have having he her here hi hello him his how i " +
    "i'm if in into is it it's its just me my no not now of on once only or " +
    "other our out over please same she should so some still such than " +
    "thank thanks that the their them then there these they this those to " +
    "too under until up us very was we were what when where which while " +
    "who why will with would you your"
  ).split(" "),
);

/** Longer words are cut: no real word is longer, and storage stays bounded. */
const MAX_TERM = 40;

/** Terms of a text, in order, repeats kept (they count as frequency). */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
    const term = word.replace(/^'+|'+$/g, "").slice(0, MAX_TERM);
    if (term.length < 2 || STOP_WORDS.has(term)) continue;
    terms.push(plainForm(term));
  }
  return terms;
}

/** A light plural fold ("printers" → "printer"), so both forms meet. */
function plainForm(term: string): string {
  if (term.length > 4 && term.endsWith("ies")) return term.slice(0, -3) + "y";
  if (
    term.length > 3 && term.endsWith("s") && !term.endsWith("ss") &&
    !term.endsWith("us") && !term.endsWith("is")
  ) return term.slice(0, -1);
  return term.replace(/'s$/, "");
}

/** How often each term occurs, and how many terms the text has. */
export function termCounts(
  text: string,
): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const terms = termsOf(text);
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: terms.length };
}
