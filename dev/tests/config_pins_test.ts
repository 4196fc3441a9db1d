import assert from "node:assert/strict";
import { parseJsonc } from "../testing/jsonc.ts";

const root = new URL("../../", import.meta.url);
type Config = { imports: Record<string, string> };

async function config(name: string): Promise<Config> {
  return parseJsonc(await Deno.readTextFile(new URL(name, root))) as Config;
}

function version(pattern: RegExp, text: string | undefined, what: string) {
  const match = text?.match(pattern);
  assert.ok(match, `${what}: ${text} does not match ${pattern}`);
  return match[1];
}

Deno.test("deno.jsonc (Slack CLI) and deno.npm.jsonc (tests) pin the same SDK", async () => {
  const slack = await config("deno.jsonc");
  const npm = await config("deno.npm.jsonc");
  const sdk = version(
    /^https:\/\/deno\.land\/x\/deno_slack_sdk@([\d.]+)\/$/,
    slack.imports["deno-slack-sdk/"],
    "deno.jsonc deno-slack-sdk/",
  );
  const api = version(
    /^https:\/\/deno\.land\/x\/deno_slack_api@([\d.]+)\/$/,
    slack.imports["deno-slack-api/"],
    "deno.jsonc deno-slack-api/",
  );
  assert.equal(
    version(
      /^npm:@slack\/deno-slack-sdk@([\d.]+)$/,
      npm.imports["deno-slack-sdk/mod.ts"],
      "npm sdk",
    ),
    sdk,
  );
  // The npm build carries deno_slack_api inside it; it must be the same API.
  assert.equal(
    version(
      /deno_slack_api@([\d.]+)\//,
      npm.imports["deno-slack-api/types.ts"],
      "npm api types",
    ),
    api,
  );
  const shim = await Deno.readTextFile(
    new URL(npm.imports["deno-slack-api/mod.ts"], root),
  );
  for (const path of shim.matchAll(/deno_slack_api@([\d.]+)\//g)) {
    assert.equal(path[1], api);
  }
  // Block Kit types resolve the same way in both.
  assert.equal(slack.imports["@slack/types"], npm.imports["@slack/types"]);
  // Never ship the npm build: the Slack CLI's configuration must not name it.
  const slackText = await Deno.readTextFile(new URL("deno.jsonc", root));
  assert.doesNotMatch(slackText, /npm:@slack\/deno-slack-sdk/);
});

/** Import specifiers of the SDK that are not exactly deno-slack-sdk/mod.ts. */
export function badSdkImports(text: string): string[] {
  return [
    ...text.matchAll(/\bfrom\s+["']([^"']*deno[-_]slack[-_]sdk[^"']*)["']/g),
  ]
    .map((m) => m[1])
    .filter((specifier) => specifier !== "deno-slack-sdk/mod.ts");
}

async function* sourceFiles(
  dir: URL,
  prefix = "",
): AsyncGenerator<[string, string]> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    if (entry.isDirectory) {
      yield* sourceFiles(
        new URL(`${entry.name}/`, dir),
        `${prefix}${entry.name}/`,
      );
    } else if (entry.name.endsWith(".ts")) {
      yield [
        `${prefix}${entry.name}`,
        await Deno.readTextFile(new URL(entry.name, dir)),
      ];
    }
  }
}

Deno.test("the SDK is imported only as deno-slack-sdk/mod.ts, npm only by tests", async () => {
  // Samples are assembled so that this file does not trip its own check.
  const sample = (specifier: string) =>
    `import { X } ${"from"} "${specifier}";`;
  assert.deepEqual(badSdkImports(sample("deno-slack-sdk/types.ts")), [
    "deno-slack-sdk/types.ts",
  ]);
  assert.deepEqual(badSdkImports(sample("npm:@slack/deno-slack-sdk@2")), [
    "npm:@slack/deno-slack-sdk@2",
  ]);
  assert.deepEqual(badSdkImports(sample("deno-slack-sdk/mod.ts")), []);
  let files = 0;
  for await (const [path, text] of sourceFiles(root)) {
    files++;
    // The offline stand-in for deno-slack-api reaches into the npm build on
    // purpose (see deno.npm.jsonc); nothing else may.
    if (path === "dev/testing/deno_slack_api_from_npm.ts") continue;
    assert.deepEqual(badSdkImports(text), [], path);
    const shipped = !/^dev\//.test(path) &&
      !/_(test|bench)\.ts$/.test(path);
    if (shipped) {
      assert.doesNotMatch(
        text,
        /from\s+["']npm:/,
        `${path} imports npm: directly`,
      );
      assert.doesNotMatch(
        text,
        /from\s+["'][./]*dev\//,
        `${path} imports test code`,
      );
    }
  }
  assert.ok(files > 30);
});
