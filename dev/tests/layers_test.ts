// The repository's layers, as the README's "Where things are" draws them,
// and which may import which. Everything below the Slack surface points one
// way: the surface → use_cases/ → slack/ → integrations/ → helpdesk/, and
// nothing that Slack bundles reaches dev/. Inside use_cases/, features depend
// on each other in one direction (FEATURE_MAY_USE). Three rules keep a
// ticket's writes where the ticket lock is (STORAGE_RULES): functions reach
// storage only through a use case, only the changes feature (and the
// scheduled run's repairs) takes the lock, and whole-ticket writes happen
// only there or where no lock is needed yet. And no module imports itself
// back through others (importCycles).
import assert from "node:assert/strict";
import {
  type Import,
  importsOf,
  isRelative,
  resolve,
} from "../testing/import_graph.ts";

type Layer =
  | "rules"
  | "integrations"
  | "slack"
  | "use_cases"
  | "surface"
  | "dev";

function layerOf(path: string): Layer {
  if (path.startsWith("helpdesk/")) return "rules";
  if (path.startsWith("integrations/")) return "integrations";
  if (path.startsWith("slack/")) return "slack";
  if (path.startsWith("use_cases/")) return "use_cases";
  if (path.startsWith("dev/")) return "dev";
  return "surface";
}

/**
 * Which feature of use_cases/ may use which other: opening ← changes ←
 * {conversation, lists, jsm}, and the schedule runs changes, opening and
 * reports. Settings and reports stand alone.
 */
export const FEATURE_MAY_USE: Record<string, readonly string[]> = {
  opening: [],
  changes: ["opening"],
  conversation: ["changes", "opening"],
  lists: ["changes", "opening"],
  jsm: ["changes", "opening"],
  settings: [],
  reports: [],
  schedule: ["changes", "opening", "reports"],
  // The check-up examines what settings keeps (triggers) and reaches JSM
  // as jsm does; nothing depends on it.
  checkup: ["settings", "jsm"],
};

const featureOf = (path: string) => path.split("/")[1];

/**
 * Besides its own layer. slack/ reads the app's datastores; use_cases/ also
 * creates the triggers the app keeps itself (triggers/created_by_app/).
 */
const MAY_IMPORT: Record<Layer, (target: string, from: string) => boolean> = {
  rules: (t) => layerOf(t) === "rules",
  integrations: (t) => ["rules", "integrations"].includes(layerOf(t)),
  slack: (t) =>
    ["rules", "integrations", "slack"].includes(layerOf(t)) ||
    t.startsWith("datastores/"),
  use_cases: (t, from) =>
    ["rules", "integrations", "slack"].includes(layerOf(t)) ||
    t.startsWith("datastores/") || t.startsWith("triggers/created_by_app/") ||
    (layerOf(t) === "use_cases" &&
      (featureOf(t) === featureOf(from) ||
        (FEATURE_MAY_USE[featureOf(from)] ?? []).includes(featureOf(t)))),
  surface: (t) => layerOf(t) !== "dev",
  dev: () => true,
};

/** Bare specifiers each layer may use (deno.jsonc maps them for Slack). */
const MAY_USE: Record<Layer, RegExp> = {
  rules: /^@slack\/types$/,
  integrations: /^deno-slack-(sdk\/mod|api\/types)\.ts$/,
  slack: /^(@slack\/types|deno-slack-api\/(types|mod)\.ts)$/,
  use_cases: /^(@slack\/types|deno-slack-api\/(types|mod)\.ts)$/,
  surface: /^(@slack\/types|deno-slack-(sdk|api)\/(types|mod)\.ts)$/,
  dev: /./,
};

const isTest = (path: string) => /_(test|bench)\.ts$/.test(path);

/** The ticket lock (slack/storage/ticket_lock.ts), and who may take it. */
const TICKET_LOCK = "slack/storage/ticket_lock.ts";
const takesTheLock = (path: string) =>
  path.startsWith("use_cases/changes/") ||
  path === "use_cases/schedule/ticket_repair.ts";

/**
 * The storage functions that write a whole ticket item: each overwrites
 * every field with what its caller read earlier, so a change saved between
 * that read and this write is lost unless the write is under the ticket's
 * lock. (updateTicketFields writes only the fields it is given.)
 */
const WHOLE_TICKET_WRITES: Record<string, readonly string[]> = {
  "slack/storage/ticket_store.ts": ["putTicket", "putTicketSurely"],
  "slack/storage/ticket_queries.ts": ["putTickets", "putTicketRevisions"],
};

/**
 * Who may write a whole ticket: the changes feature, which does it under
 * the lock (changeUnderLock's publishChange, the approval decision); and
 * opening a ticket, which writes one nobody can reach yet: its lock lives on
 * its first card or approval DM, posted only after it is saved. A bulk
 * migration would be named here too; there is none today. Storage itself,
 * dev/ and tests (which seed tickets) are not deployed code paths.
 */
const writesWholeTickets = (path: string) =>
  path.startsWith("use_cases/changes/") ||
  path === "use_cases/opening/open_ticket.ts";

/** The storage rules for one module's import of `target`. */
function storageProblems(
  path: string,
  target: string,
  names: readonly string[],
): string[] {
  if (isTest(path) || layerOf(path) === "dev") return [];
  const problems: string[] = [];
  if (path.startsWith("functions/") && target.startsWith("slack/storage/")) {
    problems.push(
      `${path} (a function) imports ${target}: storage is reached through a use case`,
    );
  }
  if (target === TICKET_LOCK && !takesTheLock(path)) {
    problems.push(
      `${path} takes the ticket lock: only use_cases/changes/ (and the scheduled run's repairs) may`,
    );
  }
  const writes = (WHOLE_TICKET_WRITES[target] ?? []).filter((name) =>
    names.includes(name)
  );
  if (
    writes.length && !path.startsWith("slack/storage/") &&
    !writesWholeTickets(path)
  ) {
    problems.push(
      `${path} writes whole tickets (${
        writes.join(", ")
      }) outside the ticket lock`,
    );
  }
  return problems;
}

/** What is wrong with one module's imports; tests may also use dev/ and node:. */
export function layerProblems(path: string, imports: Import[]): string[] {
  const layer = layerOf(path);
  const problems: string[] = [];
  for (const { specifier, names = [] } of imports) {
    if (isRelative(specifier)) {
      const target = resolve(path, specifier);
      problems.push(...storageProblems(path, target, names));
      const allowed = MAY_IMPORT[layer](target, path) ||
        (isTest(path) &&
          (["dev", "use_cases"].includes(layerOf(target)) || target === path));
      if (!allowed) {
        problems.push(
          `${path} (${layer}) imports ${target} (${layerOf(target)})`,
        );
      }
    } else if (
      !MAY_USE[layer].test(specifier) &&
      !(isTest(path) && specifier.startsWith("node:"))
    ) {
      problems.push(`${path} (${layer}) imports ${specifier}`);
    }
  }
  return problems;
}

async function sourceFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const root = new URL("../../", import.meta.url);
  async function walk(dir: URL, prefix: string) {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith(".ts")) {
        files.set(
          prefix + entry.name,
          await Deno.readTextFile(new URL(entry.name, dir)),
        );
      }
    }
  }
  await walk(root, "");
  return files;
}

/** Every module a function's handler pulls into its bundle. */
export function bundleOf(
  entry: string,
  files: Map<string, string>,
): { modules: string[]; problems: string[] } {
  const seen = new Set<string>();
  const problems: string[] = [];
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = files.get(path);
    if (text === undefined) {
      problems.push(`${path} is imported but does not exist`);
      return;
    }
    if (path.startsWith("dev/") || isTest(path)) {
      problems.push(`${entry} bundles ${path}, which is for development only`);
    }
    for (const { specifier, typeOnly, dynamic } of importsOf(text)) {
      if (dynamic) {
        // Slack's build writes one file per function. On Deno 1.x it runs
        // `deno bundle`, which leaves import("./x.ts") as it is, so the
        // deployed function fails with "Module not found"; on Deno 2 and in
        // esbuild it inlines the module anyway, saving nothing
        // (docs/benchmarks.md, "Function bundles").
        problems.push(
          `${path} imports ${specifier} dynamically into ${entry}'s bundle`,
        );
      }
      if (isRelative(specifier)) {
        visit(resolve(path, specifier));
      } else if (/^(npm|node|jsr|https?):/.test(specifier)) {
        problems.push(`${path} imports ${specifier} into ${entry}'s bundle`);
      } else if (specifier === "@slack/types" && !typeOnly) {
        // @slack/types is an npm package: only its types may be named.
        problems.push(`${path} imports @slack/types for more than types`);
      }
    }
  };
  visit(entry);
  return { modules: [...seen], problems };
}

Deno.test("each layer imports only the layers below it", async () => {
  const files = await sourceFiles();
  const problems = [...files].flatMap(([path, text]) =>
    layerProblems(path, importsOf(text))
  );
  assert.deepEqual(problems, []);
  assert.ok(
    [...files.keys()].filter((p) => p.startsWith("helpdesk/")).length > 20,
  );
});

Deno.test("the rule catches a rules module reaching into slack/ or dev/", () => {
  const imports = (...specifiers: string[]) =>
    specifiers.map((specifier) => ({ specifier, typeOnly: false }));
  assert.deepEqual(
    layerProblems(
      "helpdesk/tickets/approval.ts",
      imports("../../slack/blocks/mrkdwn.ts", "./model.ts"),
    ),
    [
      "helpdesk/tickets/approval.ts (rules) imports slack/blocks/mrkdwn.ts (slack)",
    ],
  );
  assert.deepEqual(
    layerProblems(
      "helpdesk/queues/queue.ts",
      imports(
        "../../slack/storage/settings_store.ts",
        "deno-slack-api/types.ts",
      ),
    ).length,
    2,
  );
  assert.deepEqual(
    layerProblems(
      "use_cases/changes/x.ts",
      imports("../../dev/testing/harness.ts"),
    ),
    [
      "use_cases/changes/x.ts (use_cases) imports dev/testing/harness.ts (dev)",
    ],
  );
  // Features point one way: changes may use opening, never the reverse.
  assert.deepEqual(
    layerProblems(
      "use_cases/changes/x.ts",
      imports("../opening/open_ticket.ts", "./change_ticket.ts"),
    ),
    [],
  );
  assert.deepEqual(
    layerProblems(
      "use_cases/opening/x.ts",
      imports("../changes/change_ticket.ts"),
    ),
    [
      "use_cases/opening/x.ts (use_cases) imports use_cases/changes/change_ticket.ts (use_cases)",
    ],
  );
  // slack/ is plumbing: it never reaches up into the use cases.
  assert.equal(
    layerProblems(
      "slack/workspace/x.ts",
      imports("../../use_cases/changes/change_ticket.ts"),
    ).length,
    1,
  );
  // A test beside the code may use the fakes.
  assert.deepEqual(
    layerProblems(
      "helpdesk/tickets/x_test.ts",
      imports("../../dev/testing/sample_ticket.ts", "node:assert/strict"),
    ),
    [],
  );
  assert.equal(
    layerProblems(
      "helpdesk/tickets/x_test.ts",
      imports("../../slack/blocks/a.ts"),
    )
      .length,
    1,
  );
});

Deno.test("the storage rules catch a function reading storage, a lock taken outside changes, a whole-ticket write outside the lock", () => {
  const imports = (specifier: string, ...names: string[]) => [
    { specifier, typeOnly: false, names },
  ];
  // A function reads its inputs and calls a use case: no storage.
  assert.deepEqual(
    layerProblems(
      "functions/rate_ticket/handler.ts",
      imports("../../slack/storage/ticket_store.ts", "getTicket"),
    ),
    [
      "functions/rate_ticket/handler.ts (a function) imports slack/storage/ticket_store.ts: storage is reached through a use case",
    ],
  );
  assert.deepEqual(
    layerProblems(
      "functions/rate_ticket/modals.ts",
      imports("../../slack/storage/settings_store.ts", "NOT_CONFIGURED"),
    ).length,
    1,
  );
  // ...though its tests may stage what they need there.
  assert.deepEqual(
    layerProblems(
      "functions/rate_ticket/handler_test.ts",
      imports("../../slack/storage/ticket_store.ts", "putTicket"),
    ),
    [],
  );
  // Only the changes feature and the scheduled repairs take the lock.
  assert.deepEqual(
    layerProblems(
      "use_cases/jsm/jsm_comment_sync.ts",
      imports("../../slack/storage/ticket_lock.ts", "withTicketLock"),
    ),
    [
      "use_cases/jsm/jsm_comment_sync.ts takes the ticket lock: only use_cases/changes/ (and the scheduled run's repairs) may",
    ],
  );
  assert.equal(
    layerProblems(
      "functions/update_ticket/handler.ts",
      imports("../../slack/storage/ticket_lock.ts", "withTicketLock"),
    ).length,
    2,
  );
  for (const taker of ["changes/x.ts", "schedule/ticket_repair.ts"]) {
    assert.deepEqual(
      layerProblems(
        `use_cases/${taker}`,
        imports("../../slack/storage/ticket_lock.ts", "withTicketLock"),
      ),
      [],
    );
  }
  assert.equal(
    layerProblems(
      "use_cases/schedule/sla_check.ts",
      imports("../../slack/storage/ticket_lock.ts", "lockAnchor"),
    ).length,
    1,
  );
  // Whole-ticket writes: under the lock in changes, or at creation.
  assert.deepEqual(
    layerProblems(
      "use_cases/conversation/x.ts",
      imports("../../slack/storage/ticket_store.ts", "getTicket", "putTicket"),
    ),
    [
      "use_cases/conversation/x.ts writes whole tickets (putTicket) outside the ticket lock",
    ],
  );
  assert.equal(
    layerProblems(
      "use_cases/schedule/scheduled_run.ts",
      imports("../../slack/storage/ticket_queries.ts", "putTicketRevisions"),
    ).length,
    1,
  );
  assert.equal(
    layerProblems(
      "slack/workspace/x.ts",
      imports("../storage/ticket_store.ts", "putTicketSurely"),
    ).length,
    1,
  );
  for (
    const writer of [
      "use_cases/changes/publish_change.ts",
      "use_cases/opening/open_ticket.ts",
      "slack/storage/ticket_queries.ts",
    ]
  ) {
    assert.deepEqual(
      layerProblems(writer, [{
        specifier: writer.startsWith("slack/")
          ? "./ticket_store.ts"
          : "../../slack/storage/ticket_store.ts",
        typeOnly: false,
        names: ["putTicket", "putTicketSurely"],
      }]),
      [],
      writer,
    );
  }
  // A partial write is not a whole one, wherever it is.
  assert.deepEqual(
    layerProblems(
      "use_cases/jsm/x.ts",
      imports("../../slack/storage/ticket_store.ts", "updateTicketFields"),
    ),
    [],
  );
});

Deno.test("no function's bundle reaches dev/, tests, npm:, node: or a dynamic import", async () => {
  const files = await sourceFiles();
  const handlers = [...files.keys()].filter((p) =>
    /^functions\/[^/]+\/handler\.ts$/.test(p)
  );
  assert.ok(handlers.length >= 16, `${handlers.length} handlers`);
  for (const handler of handlers) {
    const { modules, problems } = bundleOf(handler, files);
    assert.deepEqual(problems, [], handler);
    assert.ok(modules.length > 1, handler);
  }
  // And the walk does see what it must refuse.
  const sample = new Map([
    ["functions/x/handler.ts", `import { a } from "../../slack/a.ts";`],
    [
      "slack/a.ts",
      `import type { KnownBlock } from "@slack/types";\n` +
      `import { b } from "../dev/testing/b.ts";\nexport const a = 1;`,
    ],
    ["dev/testing/b.ts", `import assert from "node:assert/strict";`],
  ]);
  assert.deepEqual(bundleOf("functions/x/handler.ts", sample).problems, [
    "functions/x/handler.ts bundles dev/testing/b.ts, which is for development only",
    "dev/testing/b.ts imports node:assert/strict into functions/x/handler.ts's bundle",
  ]);
  const lazy = new Map([
    [
      "functions/x/handler.ts",
      `// import("./in_a_comment.ts") is no import\n` +
      `const m = await import("../../slack/c.ts");\n` +
      "const n = await import(name);",
    ],
    ["slack/c.ts", `export const c = 1;`],
  ]);
  assert.deepEqual(bundleOf("functions/x/handler.ts", lazy).problems, [
    "functions/x/handler.ts imports ../../slack/c.ts dynamically into functions/x/handler.ts's bundle",
    "functions/x/handler.ts imports (computed) dynamically into functions/x/handler.ts's bundle",
  ]);
});

/**
 * The import cycles among `files` (tests and benches left out): each as one
 * loop through its modules, starting at the first of them by name. Type-only
 * imports count: a loop of types still ties the two modules' meanings.
 */
export function importCycles(files: Map<string, string>): string[] {
  const graph = new Map<string, string[]>();
  for (const [path, text] of files) {
    if (isTest(path)) continue;
    graph.set(
      path,
      importsOf(text).filter(({ specifier }) => isRelative(specifier))
        .map(({ specifier }) => resolve(path, specifier))
        .filter((target) => files.has(target) && !isTest(target)),
    );
  }
  // Tarjan's strongly connected components: each with more than one
  // module, or a module importing itself, holds a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (path: string) => {
    index.set(path, index.size);
    low.set(path, index.get(path)!);
    stack.push(path);
    onStack.add(path);
    for (const next of graph.get(path) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(path, Math.min(low.get(path)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(path, Math.min(low.get(path)!, index.get(next)!));
      }
    }
    if (low.get(path) === index.get(path)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== path);
      components.push(component);
    }
  };
  for (const path of [...graph.keys()].sort()) {
    if (!index.has(path)) connect(path);
  }
  return components
    .filter((c) => c.length > 1 || (graph.get(c[0]) ?? []).includes(c[0]))
    .map((component) => loopThrough(graph, new Set(component)))
    .sort();
}

/** The shortest loop from the component's first module back to it. */
function loopThrough(
  graph: Map<string, string[]>,
  component: Set<string>,
): string {
  const start = [...component].sort()[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of [...graph.get(path) ?? []].sort()) {
      if (!component.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at = path; at !== start; at = cameFrom.get(at)!) {
          loop.splice(1, 0, at);
        }
        return [...loop, start].join(" → ");
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, path);
        queue.push(next);
      }
    }
  }
  return [...component].sort().join(", ");
}

Deno.test("no module imports itself back through others", async () => {
  const files = await sourceFiles();
  assert.deepEqual(importCycles(files), []);
  // And the search does see a loop, type-only ones included, and leaves
  // tests out.
  const sample = new Map([
    ["use_cases/schedule/run.ts", `import { check } from "./check.ts";`],
    [
      "use_cases/schedule/check.ts",
      `import type { Report } from "./run.ts";\n` +
      `import { rule } from "../../helpdesk/rule.ts";`,
    ],
    ["helpdesk/rule.ts", `import { rule } from "./rule.ts";`],
    ["helpdesk/ok.ts", `import { rule } from "./rule.ts";`],
    ["helpdesk/ok_test.ts", `import { x } from "./ok_test.ts";`],
  ]);
  assert.deepEqual(importCycles(sample), [
    "helpdesk/rule.ts → helpdesk/rule.ts",
    "use_cases/schedule/check.ts → use_cases/schedule/run.ts → use_cases/schedule/check.ts",
  ]);
});
