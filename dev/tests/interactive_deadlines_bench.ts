// How long each interactive path takes to open its modal and to answer, at
// 150 ms a call, with and without another run holding the ticket's lock,
// and under the lock of a run that died (docs/scale.md, "Interactive
// deadlines"). Slack's 3 s is the limit: the
// bench fails if any modal opens later (expired_trigger_id) or any answer
// comes later (lost). `deno task bench` prints the table.
import {
  INTERACTIVE_DEADLINE_MS,
  InteractivePaths,
} from "../testing/interactive_paths.ts";
import {
  type PathTiming,
  slowestMs,
} from "../testing/interactive_path_timing.ts";

const LATENCY_MS = 150;

const ms = (v?: number) => v === undefined ? "–" : `${v}`;

function outcome(t: PathTiming): string {
  if (t.missed.length) return t.missed.join("; ");
  if (!t.working) return "answered";
  const said = [...(t.outcome ?? "").matchAll(/"text":"([^"]+)"/g)]
    .map((m) => m[1]).filter((text) => !/^Working on it/.test(text));
  return `"Working on it…", then: ${said.join(" ") || t.outcome}`;
}

const late: string[] = [];
const SETTINGS = [
  { title: "Lock free", lockHeld: false, holderDied: false },
  { title: "Another run holds the lock", lockHeld: true, holderDied: false },
  {
    title: "A run that died 10 s ago holds the lock",
    lockHeld: true,
    holderDied: true,
  },
];
for (const { title, lockHeld, holderDied } of SETTINGS) {
  const paths = await InteractivePaths.start({
    latencyMs: LATENCY_MS,
    lockHeld,
    holderDied,
  });
  try {
    const timings = await paths.measureAll();
    console.log(`\n${title}, ${LATENCY_MS} ms a call\n`);
    console.log(
      "| Path | Modal open (ms) | Answer (ms) | Run (ms) | Outcome |",
    );
    console.log("| --- | --: | --: | --: | --- |");
    for (const t of timings) {
      console.log(
        `| ${t.path} | ${ms(t.openMs)} | ${ms(t.answerMs)} | ${ms(t.runMs)} | ${
          outcome(t)
        } |`,
      );
      if (t.missed.length || slowestMs(t) > INTERACTIVE_DEADLINE_MS) {
        late.push(`${t.path} (${title})`);
      }
    }
  } finally {
    await paths.close();
  }
}
if (late.length) {
  throw new Error(`Past Slack's 3 s or refused: ${late.join(", ")}`);
}

Deno.bench("interactive paths measured above", () => {});
