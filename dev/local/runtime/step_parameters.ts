// How strictly a workflow step's outputs and the next step's inputs are held
// to the functions' declared parameters, in the local runtime and in the
// tests that run a next step. What the sources say (docs/platform.md,
// "Workflow steps: what Slack's sources say, and what they don't"):
// - functions.completeSuccess takes "the output object that conforms to the
//   output parameters schema" (docs.slack.dev/reference/methods/
//   functions.completeSuccess), and Slack's method description lists
//   `parameter_validation_failed`, "There were problems when validating the
//   outputs against the Function parameters" (as copied in hex.pm's
//   slack_kit, priv/docs/methods/functions.completeSuccess.json). A
//   required output missing or an output of the wrong type is refused
//   with that error here.
// - deno-slack-runtime (src/run-function.ts) sends a handler's outputs as
//   they are, `{}` if none, and deno-slack-sdk types them only at compile
//   time (src/functions/types.ts): nothing drops or fixes an output before
//   Slack sees it, so neither does this.
// - A GUESS, on the strict side: an output the function does not declare is
//   refused too. A JSON schema may as well accept it or Slack drop it.
// - A GUESS: what Slack does with a step whose completion it refused (fails
//   the run, or leaves the step running until its time is up) is not
//   stated; the local runtime fails the run, so the next step never runs.
// - A step whose function declares an input required, resolved empty from
//   an earlier step's missing output, fails: Slack's own sample hit "runtime
//   errors" so (slack-samples/deno-simple-survey issue 24, fixed by making
//   that input optional). The wording of Slack's error is not known; this
//   one is Helpdesk's own.

/** A function's parameters as its definition or the manifest declares them. */
export interface DeclaredParameters {
  properties?: Record<string, DeclaredParameter>;
  required?: readonly string[];
}

export interface DeclaredParameter {
  type?: string;
  items?: DeclaredParameter;
}

/** Slack's error for outputs that do not conform to the declared ones. */
export const OUTPUTS_REFUSED = "parameter_validation_failed";

// Slack's types (docs.slack.dev/reference/types) whose values are texts,
// and those that are objects. Any other type is not checked here.
const TEXTS = new Set([
  "string",
  "slack#/types/user_id",
  "slack#/types/channel_id",
  "slack#/types/usergroup_id",
  "slack#/types/message_ts",
  "slack#/types/message_permalink",
  "slack#/types/date",
  "slack#/types/team_id",
  "slack#/types/file_id",
  "slack#/types/canvas_id",
  "slack#/types/credential/oauth2",
]);
const OBJECTS = new Set([
  "object",
  "slack#/types/interactivity",
  "slack#/types/rich_text",
  "slack#/types/message_context",
  "slack#/types/user_context",
]);

/** Why `value` is not of `declared`'s type, or undefined if it is. */
function typeProblem(
  value: unknown,
  declared: DeclaredParameter,
): string | undefined {
  const type = declared.type ?? "";
  const is = (ok: boolean) => ok ? undefined : `is not of type ${type}`;
  if (TEXTS.has(type)) return is(typeof value === "string");
  if (type === "integer" || type === "slack#/types/timestamp") {
    return is(Number.isInteger(value));
  }
  if (type === "number") {
    return is(typeof value === "number" && Number.isFinite(value));
  }
  if (type === "boolean") return is(typeof value === "boolean");
  if (OBJECTS.has(type)) {
    return is(!!value && typeof value === "object" && !Array.isArray(value));
  }
  if (type === "array") {
    if (!Array.isArray(value)) return is(false);
    if (!declared.items) return undefined;
    const at = value.findIndex((item) => typeProblem(item, declared.items!));
    return at < 0
      ? undefined
      : `item ${at} ${typeProblem(value[at], declared.items)}`;
  }
  return undefined;
}

/**
 * What is wrong with a step's outputs against its function's declared
 * ones: empty if nothing. An output left undefined is absent, as JSON
 * leaves it out on the way to Slack.
 */
export function outputProblems(
  declared: DeclaredParameters | undefined,
  outputs: Record<string, unknown>,
): string[] {
  const properties = declared?.properties ?? {};
  const problems: string[] = [];
  for (const name of declared?.required ?? []) {
    if (outputs[name] === undefined || outputs[name] === null) {
      problems.push(`required output ${name} is missing`);
    }
  }
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    const parameter = properties[name];
    if (!parameter) {
      problems.push(`output ${name} is not declared`);
      continue;
    }
    const wrong = typeProblem(value, parameter);
    if (wrong) problems.push(`output ${name} ${wrong}`);
  }
  return problems;
}

/** The step's outputs, or an error with Slack's code and what is wrong. */
export function checkedOutputs(
  functionId: string,
  declared: DeclaredParameters | undefined,
  outputs: Record<string, unknown>,
): { ok: true; outputs: Record<string, unknown> } | {
  ok: false;
  error: string;
} {
  const problems = outputProblems(declared, outputs);
  return problems.length
    ? {
      ok: false,
      error: `${OUTPUTS_REFUSED}: ${functionId}: ${problems.join("; ")}`,
    }
    : { ok: true, outputs };
}

/** The required inputs a step's resolved inputs lack. */
export function missingRequiredInputs(
  declared: DeclaredParameters | undefined,
  inputs: Record<string, unknown>,
): string[] {
  return (declared?.required ?? []).filter((name) =>
    inputs[name] === undefined || inputs[name] === null
  );
}
