import assert from "node:assert/strict";
import {
  fieldBlockId,
  type FormField,
  formFieldBlocks,
  formFieldsSpec,
  parseFormFields,
  readAnswers,
} from "./form_fields.ts";

/** What a form reader gives for each question, by its block id. */
const submitted = (byBlock: Record<string, unknown>) => (field: FormField) =>
  byBlock[fieldBlockId(field)];

const SPEC = `Laptop model*: select(MacBook Air, MacBook Pro 14)
Start date*: date
Manager: user
Why is it needed: long text
Cost centre: text`;

Deno.test("request type questions: parsed, drawn, read back", () => {
  const parsed = parseFormFields(SPEC);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.fields.map((f) => [f.id, f.type, f.required]), [
    ["laptop_model", "select", true],
    ["start_date", "date", true],
    ["manager", "user", false],
    ["why_is_it_needed", "long text", false],
    ["cost_centre", "text", false],
  ]);
  assert.equal(formFieldsSpec(parsed.fields), SPEC);
  const blocks = formFieldBlocks(parsed.fields);
  assert.deepEqual(
    blocks.map((b) => [
      b.type,
      (b as { element: { type: string } }).element.type,
      (b as { optional?: boolean }).optional,
    ]),
    [
      ["input", "static_select", false],
      ["input", "datepicker", false],
      ["input", "users_select", true],
      ["input", "plain_text_input", true],
      ["input", "plain_text_input", true],
    ],
  );
  const read = readAnswers(
    parsed.fields,
    submitted({
      field_laptop_model: "MacBook Air",
      field_start_date: "2026-12-01",
      field_manager: "U123",
      field_cost_centre: "  ",
    }),
  );
  assert.deepEqual(read, {
    ok: true,
    answers: [
      { label: "Laptop model", value: "MacBook Air" },
      { label: "Start date", value: "2026-12-01" },
      { label: "Manager", value: "U123", user: true },
    ],
  });
  assert.deepEqual(readAnswers(parsed.fields, submitted({})), {
    ok: false,
    errors: {
      field_laptop_model: "Please answer this.",
      field_start_date: "Please answer this.",
    },
  });
  const forged = readAnswers(
    parsed.fields,
    submitted({
      field_laptop_model: "Gold",
      field_start_date: "2026-12-01",
    }),
  );
  assert.equal(forged.ok, false);
});

Deno.test("request type questions: every mistake is named with its line", () => {
  const result = parseFormFields(
    "Model: colour\nSize: select()\nName: text(a, b)\nName: text\njust words",
  );
  assert.ok(!result.ok);
  assert.deepEqual(result.problems, [
    "Line 1 (“Model: colour”): “colour” is not a field type. Use text, long text, select, user, date.",
    "Line 2 (“Size: select()”): list the choices, e.g. “Size: select(One, Two)”.",
    "Line 3 (“Name: text(a, b)”): only select fields take a list of choices.",
    "Line 5 (“just words”): write it as “Label: type”, with type one of text, long text, select, user, date.",
  ]);
  const many = Array.from({ length: 11 }, (_, i) => `Q${i}: text`).join("\n");
  const tooMany = parseFormFields(many);
  assert.ok(!tooMany.ok);
  assert.match(tooMany.problems[0], /up to 10 questions/);
});
