// Offline stand-in for `deno-slack-api/mod.ts` (see deno.npm.jsonc): the same
// deno_slack_api release, taken from inside the npm build of the SDK.
// @ts-types="../../node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/deno_slack_api@2.8.0/mod.d.ts"
export * from "../../node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/deno_slack_api@2.8.0/mod.js";
