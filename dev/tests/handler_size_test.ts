// A function is an adapter: it reads its inputs or the view's state, calls
// one use case and answers (docs/architecture.md). Past 60 lines a handler
// has started deciding things itself. update_ticket's handler also holds
// the table of what each card button calls and its modals' registrations,
// so it has room for those.
import assert from "node:assert/strict";

const MAX_LINES = 60;
const ROOM_FOR_REGISTRATIONS: Record<string, number> = { update_ticket: 200 };

Deno.test("every function's handler stays an adapter's size", async () => {
  const functions = new URL("../../functions/", import.meta.url);
  const over: string[] = [];
  let seen = 0;
  for await (const entry of Deno.readDir(functions)) {
    if (!entry.isDirectory) continue;
    const handler = new URL(`${entry.name}/handler.ts`, functions);
    const text = await Deno.readTextFile(handler).catch(() => undefined);
    if (text === undefined) continue;
    seen++;
    const lines = text.trimEnd().split("\n").length;
    const limit = ROOM_FOR_REGISTRATIONS[entry.name] ?? MAX_LINES;
    if (lines > limit) over.push(`${entry.name}: ${lines} > ${limit}`);
  }
  assert.ok(seen >= 20, `${seen} handlers`);
  assert.deepEqual(over, []);
});
