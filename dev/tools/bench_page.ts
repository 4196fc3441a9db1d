// `deno task bench:page`: runs `deno task bench` and writes what it printed
// into docs/benchmarks.md between the bench markers, with the date, the
// commit and the machine, so the figures there are always from one run of
// the benches as they are. Text outside the markers is written by hand and
// kept. `--from <file>` reads a saved `deno task bench` output instead of
// running the benches again.
import { formatMarkdown } from "./markdown_format.ts";

export const BENCH_START = "<!-- bench:start (deno task bench:page) -->";
export const BENCH_END = "<!-- bench:end -->";

/** One bench file's output: what it printed, then Deno's table. */
export interface BenchFile {
  file: string;
  printed: string[];
  table: string[];
}

export interface BenchRun {
  cpu: string;
  runtime: string;
  files: BenchFile[];
}

export interface RunContext {
  at: Date;
  commit: string;
  cores: number;
  loadAverage: number;
}

// deno bench's own lines that are not figures.
const NOISE = /^(Task |Check |Download |Initialize |Warning |\s*$)/;

/** Splits `deno bench` output into files. A file's printed lines come
 * before its `file:///…` heading, as a module prints while it loads. */
export function parseBenchOutput(output: string, root: string): BenchRun {
  // deno-lint-ignore no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const run: BenchRun = { cpu: "", runtime: "", files: [] };
  let printed: string[] = [];
  let current: BenchFile | undefined;
  for (const raw of lines) {
    const line = raw.trimEnd();
    const cpu = line.match(/^\s*CPU \| (.+)$/);
    const runtime = line.match(/^Runtime \| (.+)$/);
    if (cpu) run.cpu = cpu[1].trim();
    else if (runtime) run.runtime = runtime[1].trim();
    else if (line.startsWith("file://")) {
      const path = line.startsWith(root) ? line.slice(root.length) : line;
      current = { file: path, printed, table: [] };
      run.files.push(current);
      printed = [];
    } else if (line.startsWith("|") && current) current.table.push(line);
    // Kept indented: a bench indents the lines that belong to the one above.
    else if (!NOISE.test(line)) printed.push(line);
  }
  if (printed.length > 0) {
    throw new Error(
      `lines after the last bench file, belonging to none: ${printed[0]}`,
    );
  }
  if (run.files.length === 0) throw new Error("no bench results in the output");
  return run;
}

export function benchMarkdown(run: BenchRun, context: RunContext): string {
  const when = context.at.toISOString().slice(0, 16).replace("T", " ");
  const parts = [
    `Measured ${when} UTC at commit \`${context.commit}\` with ` +
    "`deno task bench`, on " +
    `${run.cpu || "an unknown CPU"} (${context.cores} cores, load average ` +
    `${context.loadAverage.toFixed(1)} when the run started), ` +
    `${run.runtime || "Deno"}.`,
  ];
  for (const file of run.files) {
    parts.push(`### \`${file.file}\``);
    if (file.printed.length > 0) {
      parts.push(["```text", ...file.printed, "```"].join("\n"));
    }
    if (file.table.length > 0) parts.push(file.table.join("\n"));
  }
  return parts.join("\n\n");
}

export function withBenchSection(page: string, markdown: string): string {
  const start = page.indexOf(BENCH_START);
  const end = page.indexOf(BENCH_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `docs/benchmarks.md has no ${BENCH_START} … ${BENCH_END} markers`,
    );
  }
  return page.slice(0, start + BENCH_START.length) + "\n\n" + markdown +
    "\n\n" + page.slice(end);
}

async function output(command: string, args: string[]): Promise<string> {
  const { success, stdout } = await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "inherit",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(stdout);
  if (!success) {
    console.error(text);
    throw new Error(`${command} ${args.join(" ")} failed`);
  }
  return text;
}

if (import.meta.main) {
  const root = new URL("../../", import.meta.url);
  const page = new URL("docs/benchmarks.md", root);
  const from = Deno.args.indexOf("--from");
  const context: RunContext = {
    at: new Date(),
    commit: (await output("git", ["rev-parse", "--short", "HEAD"])).trim(),
    cores: navigator.hardwareConcurrency,
    loadAverage: Deno.loadavg()[0],
  };
  const benchOutput = from === -1
    ? await output("deno", ["task", "bench"])
    : await Deno.readTextFile(Deno.args[from + 1]);
  const run = parseBenchOutput(benchOutput, root.href);
  const updated = withBenchSection(
    await Deno.readTextFile(page),
    benchMarkdown(run, context),
  );
  await Deno.writeTextFile(
    page,
    await formatMarkdown(updated, "the bench page"),
  );
  console.log(
    `docs/benchmarks.md: figures of ${run.files.length} bench files written.`,
  );
}
