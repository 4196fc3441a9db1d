// A cold start of each function: a fresh process imports the function's
// own-code bundle (as Slack's build makes it, dev/tools/bundle_sizes.ts)
// and answers one invocation against the fake Slack. The SDK, which the
// bundle leaves out, loads first from its npm build, timed on its own; then
// the bundle's import and the answer are the function's own cost. Every
// function gets the same inputs (a request's fields, and an interactivity
// pointer from Helpdesk's admin), so the shortcuts open their modal,
// create_ticket opens a ticket, and a function whose inputs these are not
// answers with its error for them. Each function starts COLD_STARTS times
// and its median is shown; a line fitted through those medians says what
// a kilobyte of own code costs at import (import_cost.ts), and so what the
// 60 KB goal would save. `deno task bench` prints the figures.
import {
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import { kb, manifestFunctions, ownCodeBundle } from "./bundle_sizes.ts";
import { GOAL } from "./bundle_budgets.ts";
import {
  fitImportCost,
  type ImportSample,
  median,
  savingsAtGoal,
} from "./import_cost.ts";

/** Starts of each function: one alone is at the mercy of the machine. */
const COLD_STARTS = 3;

const INPUTS = {
  summary: "Laptop won't charge",
  description: "Tried two chargers.",
  priority: "normal",
  category: "Hardware",
  requester: PEOPLE.requester,
  interactivity: {
    interactivity_pointer: "1234.5678.pointer",
    interactor: { id: PEOPLE.admin, secret: "s" },
  },
};

interface ColdStart {
  sdk: number;
  imported: number;
  answered: number;
  answer: string;
}

async function coldStart(
  apiUrl: string,
  name: string,
  bundle: string,
): Promise<ColdStart> {
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "--config",
      "deno.npm.jsonc",
      "--frozen",
      "--allow-read",
      "--allow-env",
      "--allow-net=127.0.0.1,localhost",
      "dev/tools/cold_start_run.ts",
      apiUrl,
      JSON.stringify(INPUTS),
      name,
    ],
    cwd: new URL("../../", import.meta.url),
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(bundle));
  await writer.close();
  const { success, stdout } = await child.output();
  const text = new TextDecoder().decode(stdout).trim().split("\n").at(-1);
  if (!success || !text) throw new Error(`${name}: the cold start failed`);
  return JSON.parse(text);
}

const slack = await startFakeSlack();
await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
const lines: string[] = [];
const samples: ImportSample[] = [];
const sdkTimes: number[] = [];
let createTicket = "";
for (const { name, file } of manifestFunctions()) {
  const bundle = await ownCodeBundle(file);
  if (name === "create_ticket") createTicket = bundle;
  const starts: ColdStart[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    starts.push(await coldStart(slack.apiUrl, name, bundle));
  }
  const cold = {
    sdk: median(starts.map((s) => s.sdk)),
    imported: median(starts.map((s) => s.imported)),
    answered: median(starts.map((s) => s.answered)),
    answer: starts[0].answer,
  };
  const bytes = new TextEncoder().encode(bundle).length;
  samples.push({ name, bytes, importMs: cold.imported });
  sdkTimes.push(cold.sdk);
  const answer = cold.answer.length > 60
    ? `${cold.answer.slice(0, 57)}...`
    : cold.answer;
  lines.push(
    `${name}: ${kb(bytes)} own code, ` +
      `imported in ${Math.round(cold.imported)} ms (the SDK before it: ${
        Math.round(cold.sdk)
      } ms), answered after ${Math.round(cold.answered)} ms (${answer})`,
  );
}
console.log(
  `Cold start of each function (a fresh process, median of ${COLD_STARTS}):\n` +
    lines.join("\n"),
);
const cost = fitImportCost(samples);
const saved = savingsAtGoal(samples, cost, GOAL);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const smallest = samples.reduce((a, b) => (b.bytes < a.bytes ? b : a));
console.log(
  [
    `Import time against own code: ${ms(cost.baseMs)} + ${
      ms(cost.msPerKb * 10)
    } per 10 KB (least squares over ${samples.length} functions, r² ${
      cost.r2.toFixed(2)
    }).`,
    `Cut to ${kb(GOAL)}, the ${saved.length} functions above it would each ` +
    `import sooner by: ${
      saved.map((s) => `${s.name} ${ms(s.savedMs)}`).join(", ")
    }.`,
    `A further workflow step is a run of its own: it loads the SDK again ` +
    `(median ${ms(median(sdkTimes))} here, from its npm build), then its ` +
    `own code (the smallest here, ${smallest.name}, in ${
      ms(smallest.importMs)
    }), besides Slack's dispatch of the step.`,
  ].join("\n"),
);

Deno.bench({
  name: "create_ticket cold start: import and one ticket opened",
  n: 3,
  warmup: 0,
  async fn() {
    await coldStart(slack.apiUrl, "create_ticket", createTicket);
  },
});

globalThis.addEventListener("unload", () => slack.close());
