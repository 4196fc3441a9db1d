// Starting over (--fresh) never loses the old state: it is moved aside.
import assert from "node:assert/strict";
import { setAside } from "./state_file.ts";

Deno.test("--fresh keeps the old state beside the new one", async () => {
  const dir = new URL(
    `../../.local/test-${crypto.randomUUID()}/`,
    import.meta.url,
  );
  await Deno.mkdir(dir, { recursive: true });
  try {
    const file = new URL("state.json", dir);
    assert.equal(await setAside(file), undefined, "nothing to keep yet");
    await Deno.writeTextFile(file, '{"kept": true}');
    const aside = await setAside(file);
    assert.match(aside!, /state\.\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/);
    assert.equal(await Deno.readTextFile(aside!), '{"kept": true}');
    await assert.rejects(() => Deno.stat(file), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
