// Every :emoji: Helpdesk writes into a message must be one Slack knows, or
// people see the name in colons. Slack's names are those of emoji-datasource.
import assert from "node:assert/strict";
import { emojiNames, emojiNamesFrom } from "../local/emoji_names.ts";

const SOURCES = ["functions/", "workflows/", "slack/", "helpdesk/"];

/** :name: in a source text; a colon after ? (regex groups) does not count. */
export function emojiNamesIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w?:]):([a-z][a-z0-9_+-]*):(?![\w])/g)]
    .map((m) => m[1]);
}

async function appSources(): Promise<Map<string, string>> {
  const root = new URL("../../", import.meta.url);
  const files = new Map<string, string>();
  async function walk(dir: string) {
    for await (const entry of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) await walk(`${path}/`);
      else if (/(?<!_test|_bench)\.ts$/.test(entry.name)) {
        files.set(path, await Deno.readTextFile(new URL(path, root)));
      }
    }
  }
  for (const dir of SOURCES) await walk(dir);
  return files;
}

Deno.test("emoji names come from the data set, with their skin tones", () => {
  const { names, tones } = emojiNamesFrom([
    {
      short_names: ["+1", "thumbsup"],
      unified: "1F44D",
      skin_variations: Object.fromEntries(
        ["1F3FB", "1F3FC", "1F3FD", "1F3FE", "1F3FF"].map((m) => [
          m,
          { unified: `1F44D-${m}` },
        ]),
      ),
    },
    { short_names: ["rainbow-flag"], unified: "1F3F3-FE0F-200D-1F308" },
  ]);
  assert.equal(names["+1"], "👍");
  assert.equal(names.thumbsup, "👍");
  assert.equal(names["rainbow-flag"], "🏳️‍🌈");
  assert.deepEqual(tones.thumbsup, ["👍🏻", "👍🏼", "👍🏽", "👍🏾", "👍🏿"]);
  assert.equal(tones["rainbow-flag"], undefined);
});

Deno.test("the emoji names in a text are found, times and regexes are not", () => {
  assert.deepEqual(
    emojiNamesIn('":ticket: Opened at 09:00 (?:mailto:)? :+1: :x:"'),
    ["ticket", "x"],
  );
});

Deno.test("every emoji Helpdesk writes is one Slack knows", async () => {
  const { names } = await emojiNames();
  assert.ok(Object.keys(names).length > 1800, "the whole data set");
  const unknown: string[] = [];
  let seen = 0;
  for (const [path, text] of await appSources()) {
    for (const name of emojiNamesIn(text)) {
      seen++;
      if (!(name in names)) unknown.push(`${path}: :${name}:`);
    }
  }
  assert.ok(seen > 20, "the app's messages were read");
  assert.deepEqual(unknown, []);
});
