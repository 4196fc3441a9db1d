// Preloaded by `deno task test:suite` (deno test --preload) in every test
// file's worker, before the file's modules: the SDK's HTTP client calls
// Deno's own fetch, as it does when Slack runs Helpdesk.
//
// The SDK that Slack bundles (deno.jsonc, from deno.land) calls the global
// fetch. Its npm build, which tests use (deno.npm.jsonc), is made by dnt to
// run under Node too, and its _dnt.shims.js hands the client undici's
// fetch, File, FormData, Headers, Request and Response instead. Through
// undici's fetch a call to the fake Slack cost about 0.7 ms of CPU, with
// Deno's about 0.15 ms, and the suite makes hundreds of thousands: undici
// was the largest share of the suite's CPU. Code under test still reaches
// the fake over HTTP at env.SLACK_API_URL, only with production's client.
//
// The shim imports these names from undici, a CommonJS module whose named
// exports are read when the shim first imports it, so they are replaced in
// undici's exports before any test module loads. A test file run on its own
// without the preload still works, through undici.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const NAMES = ["fetch", "File", "FormData", "Headers", "Request", "Response"];

// Resolved from where the SDK really is, so that it is the SDK's undici.
const shimsPath = Deno.realPathSync(fileURLToPath(
  new URL(
    "../../node_modules/@slack/deno-slack-sdk/esm/_dnt.shims.js",
    import.meta.url,
  ),
));
const undici = createRequire(shimsPath)("undici") as Record<string, unknown>;
const deno = globalThis as unknown as Record<string, unknown>;
for (const name of NAMES) undici[name] = deno[name];

// An SDK release that builds its shims differently must not leave the suite
// on undici without a word.
const shims = await import(new URL(`file://${shimsPath}`).href);
for (const name of NAMES) {
  if (shims[name] !== deno[name]) {
    throw new Error(
      `dev/testing/native_fetch.ts: the SDK's ${name} is not Deno's`,
    );
  }
}
