import assert from "node:assert/strict";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import manifest from "../../manifest.ts";
import { manifestAsSent } from "../tools/print_manifest.ts";
import {
  brokenReferences,
  type ManifestLike,
} from "../testing/workflow_references.ts";

const SCHEMA = new URL(
  "../testing/slack_manifest_schema/manifest.schema.2.0.0.json",
  import.meta.url,
);

Deno.test("the manifest, as `slack manifest` sends it, fits Slack's schema", async () => {
  const schema = JSON.parse(await Deno.readTextFile(SCHEMA));
  // deno-lint-ignore no-explicit-any
  const ajv = new (Ajv as any)({ allErrors: true, strict: false });
  // deno-lint-ignore no-explicit-any
  (addFormats as any)(ajv);
  const validate = ajv.compile(schema);
  const sent = manifestAsSent();
  const valid = validate(sent);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  // The same schema refuses a broken manifest, so the check can fail.
  assert.equal(validate({ ...sent, display_information: { name: 7 } }), false);
});

Deno.test("source_file is dropped as the CLI's get-manifest hook does", () => {
  const raw = manifest as {
    functions: Record<string, { source_file?: string }>;
  };
  assert.ok(Object.values(raw.functions).every((f) => f.source_file));
  const sent = manifestAsSent() as { functions: Record<string, object> };
  assert.ok(Object.values(sent.functions).every((f) => !("source_file" in f)));
});

Deno.test("every workflow step input refers to an input or an earlier step's output", () => {
  assert.deepEqual(brokenReferences(manifestAsSent() as ManifestLike), []);
});

Deno.test("the reference check catches later steps, missing inputs and outputs", () => {
  const broken: ManifestLike = {
    functions: { f: { output_parameters: { properties: { id: {} } } } },
    workflows: {
      w: {
        input_parameters: { properties: { who: {} } },
        steps: [
          {
            id: "0",
            function_id: "#/functions/f",
            inputs: { a: "{{steps.1.id}}" },
          },
          {
            id: "1",
            function_id: "#/functions/f",
            inputs: {
              b: "{{inputs.nobody}}",
              c: { nested: "{{steps.0.key}}" },
              d: "{{steps.0.id}}",
            },
          },
        ],
      },
    },
  };
  assert.deepEqual(brokenReferences(broken), [
    "w step 0 (#/functions/f): {{steps.1.id}}: step 1 does not come before this one",
    "w step 1 (#/functions/f): {{inputs.nobody}}: no workflow input nobody",
    "w step 1 (#/functions/f): {{steps.0.key}}: step 0 has no output key",
  ]);
});
