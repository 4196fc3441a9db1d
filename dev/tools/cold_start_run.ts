// One cold start, in a process of its own (cold_start_bench.ts starts it):
// reads a function's own-code bundle on stdin, imports it (the SDK it leaves
// out is resolved through deno.npm.jsonc, as the deployed bundle carries
// its own copy), and answers one invocation against the fake Slack at the
// address given. Prints the times as JSON: the SDK's load, the bundle's
// import, and the answer, from the start of the import.
const [apiUrl, inputsJson, callbackId] = Deno.args;
const code = await new Response(Deno.stdin.readable).text();
const bytes = new TextEncoder().encode(code);
let binary = "";
for (let i = 0; i < bytes.length; i += 0x8000) {
  binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
}
const url = `data:application/javascript;base64,${btoa(binary)}`;

// The SDK first, timed on its own: the same for every function, and
// deployed as its deno.land build, not this npm one.
const sdkStarted = performance.now();
await import("deno-slack-sdk/mod.ts");
await import("deno-slack-api/mod.ts");
const sdk = performance.now() - sdkStarted;
const started = performance.now();
const module = await import(url);
const imported = performance.now() - started;
const inputs = JSON.parse(inputsJson);
const answer = await module.default({
  inputs,
  env: { SLACK_API_URL: apiUrl },
  token: "xwfp-cold-start",
  team_id: "T0HELPDESK",
  enterprise_id: "",
  event: {
    type: "function_executed",
    event_ts: String(Date.now() / 1000),
    function_execution_id: `Fx${crypto.randomUUID().replaceAll("-", "")}`,
    inputs,
    function: { id: `Fn_${callbackId}`, callback_id: callbackId, title: "" },
  },
});
const answered = performance.now() - started;
console.log(JSON.stringify({
  sdk,
  imported,
  answered,
  answer: answer?.error ? `error: ${answer.error}` : "ok",
}));
// A run left open (a modal's) would keep the process alive.
Deno.exit(0);
