// A request type's own questions, written by an admin one per line:
//
//   Laptop model*: select(MacBook Air, MacBook Pro 14)
//   Start date*: date
//   Manager: user
//   Why is it needed: long text
//   Cost centre: text
//
// `*` marks a required field. Parsed into fields, drawn as Block Kit inputs
// in the request form, and read back from the submitted view as answers.
import type { InputBlock, KnownBlock } from "@slack/types";

export const FIELD_TYPES = ["text", "long text", "select", "user", "date"];
export type FieldType = "text" | "long text" | "select" | "user" | "date";

export interface FormField {
  /** Stable within the type: the block id the answer comes back under. */
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: string[];
}

export interface Answer {
  label: string;
  /** As typed or chosen; a user ID for user fields. */
  value: string;
  /** The value is a user ID, shown as a mention. */
  user?: true;
}

export const FIELD_LIMITS = {
  fields: 10,
  label: 48,
  options: 100,
  option: 75,
  text: 2000,
};

const LINE = /^(.+?)(\*)?\s*:\s*([a-z ]+?)\s*(?:\((.*)\))?\s*$/i;

export function parseFormFields(
  spec: string,
): { ok: true; fields: FormField[] } | { ok: false; problems: string[] } {
  const fields: FormField[] = [];
  const problems: string[] = [];
  const lines = spec.split("\n").map((l) => l.trim()).filter(Boolean);
  lines.forEach((line, index) => {
    const where = `Line ${index + 1} (“${line}”)`;
    const match = LINE.exec(line);
    if (!match) {
      problems.push(
        `${where}: write it as “Label: type”, with type one of ${
          FIELD_TYPES.join(", ")
        }.`,
      );
      return;
    }
    const label = match[1].trim();
    const type = match[3].toLowerCase().replace(/\s+/g, " ") as FieldType;
    if (!FIELD_TYPES.includes(type)) {
      problems.push(
        `${where}: “${match[3]}” is not a field type. Use ${
          FIELD_TYPES.join(", ")
        }.`,
      );
      return;
    }
    if (label.length > FIELD_LIMITS.label) {
      problems.push(
        `${where}: labels can be up to ${FIELD_LIMITS.label} characters.`,
      );
      return;
    }
    const id = slug(label);
    if (!id || fields.some((f) => f.id === id)) {
      problems.push(`${where}: each field needs its own label.`);
      return;
    }
    const field: FormField = { id, label, type, required: !!match[2] };
    if (type === "select") {
      const options = [
        ...new Set((match[4] ?? "").split(",").map((o) => o.trim())),
      ].filter(Boolean);
      if (options.length === 0) {
        problems.push(
          `${where}: list the choices, e.g. “${label}: select(One, Two)”.`,
        );
        return;
      }
      if (options.length > FIELD_LIMITS.options) {
        problems.push(
          `${where}: a select can offer up to ${FIELD_LIMITS.options} choices.`,
        );
        return;
      }
      const long = options.find((o) => o.length > FIELD_LIMITS.option);
      if (long) {
        problems.push(
          `${where}: “${long}” is longer than ${FIELD_LIMITS.option} characters.`,
        );
        return;
      }
      field.options = options;
    } else if (match[4] !== undefined) {
      problems.push(`${where}: only select fields take a list of choices.`);
      return;
    }
    fields.push(field);
  });
  if (fields.length > FIELD_LIMITS.fields) {
    problems.push(
      `A request type can ask up to ${FIELD_LIMITS.fields} questions of its own; this one asks ${fields.length}.`,
    );
  }
  return problems.length ? { ok: false, problems } : { ok: true, fields };
}

/** The admin's text back from fields, for the settings form to show. */
export function formFieldsSpec(fields: readonly FormField[]): string {
  return fields.map((f) =>
    `${f.label}${f.required ? "*" : ""}: ${f.type}${
      f.options ? `(${f.options.join(", ")})` : ""
    }`
  ).join("\n");
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(
    /^_+|_+$/g,
    "",
  ).slice(0, 40);
}

export const fieldBlockId = (field: FormField) => `field_${field.id}`;
export const FIELD_ACTION = "value";

export function formFieldBlocks(fields: readonly FormField[]): KnownBlock[] {
  return fields.map((field): InputBlock => ({
    type: "input",
    block_id: fieldBlockId(field),
    optional: !field.required,
    label: { type: "plain_text", text: field.label },
    element: fieldElement(field),
  }));
}

function fieldElement(field: FormField): InputBlock["element"] {
  switch (field.type) {
    case "text":
    case "long text":
      return {
        type: "plain_text_input",
        action_id: FIELD_ACTION,
        multiline: field.type === "long text",
        max_length: FIELD_LIMITS.text,
      };
    case "select":
      return {
        type: "static_select",
        action_id: FIELD_ACTION,
        options: field.options!.map((o) => ({
          text: { type: "plain_text", text: o },
          value: o,
        })),
      };
    case "user":
      return { type: "users_select", action_id: FIELD_ACTION };
    case "date":
      return { type: "datepicker", action_id: FIELD_ACTION };
  }
}

/**
 * Answers from a submitted view, in the fields' order: `answerOf` gives
 * what was submitted for a field (as Slack's form reader reads it), and
 * anything else than text, a user id or a date reads as no answer.
 * Required fields left empty come back as errors keyed by block id, as
 * view_submission wants them.
 */
export function readAnswers(
  fields: readonly FormField[],
  answerOf: (field: FormField) => unknown,
): { ok: true; answers: Answer[] } | {
  ok: false;
  errors: Record<string, string>;
} {
  const answers: Answer[] = [];
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = answerValue(field, answerOf(field));
    if (value === undefined) {
      if (field.required) errors[fieldBlockId(field)] = "Please answer this.";
      continue;
    }
    if (
      field.type === "select" && !field.options!.includes(value)
    ) {
      errors[fieldBlockId(field)] = "Choose one of the listed options.";
      continue;
    }
    answers.push(
      field.type === "user"
        ? { label: field.label, value, user: true }
        : { label: field.label, value },
    );
  }
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, answers };
}

function answerValue(
  field: FormField,
  raw: unknown,
): string | undefined {
  if (typeof raw !== "string") return undefined;
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  if (field.type === "user" && !/^[UW][A-Z0-9]+$/.test(trimmed)) {
    return undefined;
  }
  if (field.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return undefined;
  }
  return trimmed;
}
