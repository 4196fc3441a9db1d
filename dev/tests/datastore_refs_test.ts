import assert from "node:assert/strict";
import * as refs from "../../slack/storage/datastore_refs.ts";
import { helpdeskManifest } from "../../manifest.ts";

Deno.test("each datastore ref names its definition's datastore and key", () => {
  const manifest = helpdeskManifest({ jsm: { mode: "off" } }) as unknown as {
    datastores: Record<string, { primary_key: string }>;
  };
  const defined = Object.entries(manifest.datastores)
    .map(([name, d]) => `${name}:${d.primary_key}`).sort();
  const referred = Object.values(refs)
    .map((r) => `${r.name}:${String(r.definition.primary_key)}`).sort();
  assert.deepEqual(referred, defined);
});
