import assert from "node:assert/strict";
import { resolveTemplates } from "./templates.ts";

Deno.test("references resolve to values, inside text to text", () => {
  const scope = {
    inputs: { requester: "U1", interactivity: { interactivity_pointer: "p" } },
    steps: { 0: { fields: { summary: "Printer", count: 3 } } },
  };
  assert.deepEqual(
    resolveTemplates({
      a: "{{inputs.requester}}",
      b: "{{inputs.interactivity}}",
      c: "{{ steps.0.fields.count }}",
      d: "Ticket: {{steps.0.fields.summary}} ({{steps.0.fields.count}})",
      e: "{{inputs.missing}}",
      f: ["{{inputs.requester}}", "plain"],
      g: 7,
    }, scope),
    {
      a: "U1",
      b: { interactivity_pointer: "p" },
      c: 3,
      d: "Ticket: Printer (3)",
      f: ["U1", "plain"],
      g: 7,
    },
  );
});
