// How long each interactive path takes to open its modal and to answer, at
// 150 ms a call, with and without another run holding the ticket's lock
// (docs/scale.md, "Interactive deadlines"). Slack's 3 s is the limit: the
// bench fails if any modal opens later (expired_trigger_id) or any answer
// comes later (lost). `deno task bench` prints the table.
import {
  INTERACTIVE_DEADLINE_MS,
  InteractivePaths,
  type PathTiming,
  slowestMs,
} from "../testing/interactive_paths.ts";

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
for (const lockHeld of [false, true]) {
  const paths = await InteractivePaths.start({
    latencyMs: LATENCY_MS,
    lockHeld,
  });
  try {
    const timings = await paths.measureAll();
    console.log(
      `\n${
        lockHeld ? "Another run holds the lock" : "Lock free"
      }, ${LATENCY_MS} ms a call\n`,
    );
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
        late.push(`${t.path}${lockHeld ? " (lock held)" : ""}`);
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
