import assert from "node:assert/strict";
import { termCounts, termsOf } from "./terms.ts";
import {
  type CorpusStats,
  decodePosting,
  encodePosting,
  idf,
  MAX_POSTINGS,
  rank,
  type TermRow,
  withPosting,
} from "./bm25.ts";

/** An index built by hand from texts, the way the store builds it. */
function indexOf(docs: Record<string, string>) {
  const rows = new Map<string, TermRow>();
  const stats: CorpusStats = { docs: 0, totalLength: 0 };
  for (const [id, text] of Object.entries(docs)) {
    const { counts, length } = termCounts(text);
    stats.docs++;
    stats.totalLength += length;
    for (const [term, tf] of counts) {
      rows.set(term, withPosting(rows.get(term), term, { id, tf, length }));
    }
  }
  return { rows, stats };
}

Deno.test("terms ignore case, punctuation and stop words", () => {
  assert.deepEqual(
    termsOf("The PRINTER on the 3rd floor won't print!! (again) — printers?"),
    ["printer", "3rd", "floor", "won't", "print", "printer"],
  );
  assert.deepEqual(termsOf("VPN: can't connect; vpn-client crashes"), [
    "vpn",
    "can't",
    "connect",
    "vpn",
    "client",
    "crashe",
  ]);
  assert.deepEqual(termsOf("Café ÉCRAN cassé"), ["café", "écran", "cassé"]);
  assert.deepEqual(termsOf("a an the of <!channel> <@U123>"), [
    "channel",
    "u123",
  ]);
  assert.deepEqual(termsOf(""), []);
});

Deno.test("BM25 ranks the most alike first", async (t) => {
  const { rows, stats } = indexOf({
    vpn: "VPN disconnects every hour when working from home",
    vpn2: "Cannot connect to the VPN from the hotel wifi",
    printer: "Printer on the 3rd floor jams on every second page",
    laptop: "Laptop battery drains fast",
    password: "Password reset for the HR system",
  });
  const search = (text: string, limit = 5) =>
    rank(termsOf(text), rows, stats, limit).map((r) => r.id);

  await t.step("shared rare words beat shared common ones", () => {
    assert.deepEqual(search("vpn keeps disconnecting at home"), [
      "vpn",
      "vpn2",
    ]);
    assert.deepEqual(search("the printer jams", 1), ["printer"]);
  });
  await t.step("no shared word, no result", () => {
    assert.deepEqual(search("coffee machine"), []);
  });
  await t.step("the asking ticket is never its own match", () => {
    const found = rank(
      termsOf("VPN disconnects every hour"),
      rows,
      stats,
      5,
      new Set(["vpn"]),
    );
    assert.equal(found[0].id, "vpn2");
    assert.ok(!found.some((r) => r.id === "vpn"));
  });
  await t.step("a repeated query word counts once", () => {
    assert.deepEqual(
      rank(termsOf("vpn vpn vpn"), rows, stats, 5),
      rank(termsOf("vpn"), rows, stats, 5),
    );
  });
  await t.step("a short ticket matching a word beats a long one", () => {
    const { rows, stats } = indexOf({
      long: "battery " + "lorem ipsum dolor sit amet ".repeat(20),
      short: "battery dead",
    });
    assert.deepEqual(
      rank(["battery"], rows, stats, 2).map((r) => r.id),
      ["short", "long"],
    );
  });
  await t.step("idf is never negative", () => {
    assert.ok(idf(10, 10) > 0);
    assert.ok(idf(10, 1) > idf(10, 5));
  });
});

Deno.test("a term row keeps the newest postings and every ticket's count", () => {
  let row: TermRow | undefined;
  for (let i = 0; i < MAX_POSTINGS + 10; i++) {
    row = withPosting(row, "vpn", { id: `T${i}`, tf: 1, length: 5 });
  }
  assert.equal(row!.postings.length, MAX_POSTINGS);
  assert.equal(row!.df, MAX_POSTINGS + 10);
  assert.equal(row!.postings[0].id, "T10");
  // Indexed again (reopened and resolved): replaced, not counted twice.
  row = withPosting(row, "vpn", { id: "T20", tf: 2, length: 9 });
  assert.equal(row.df, MAX_POSTINGS + 10);
  assert.deepEqual(row.postings.at(-1), { id: "T20", tf: 2, length: 9 });
  const p = { id: "01ABC", tf: 3, length: 42 };
  assert.deepEqual(decodePosting(encodePosting(p)), p);
  assert.equal(decodePosting("bad"), undefined);
});
