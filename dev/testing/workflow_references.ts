// Checks that every `{{inputs.x}}` and `{{steps.N.y}}` a workflow step uses
// refers to something that exists by then: a declared workflow input, or an
// output of an earlier step. Slack rejects such a manifest at deploy time;
// this finds it in a test.

export interface ManifestLike {
  functions?: Record<
    string,
    { output_parameters?: { properties?: Record<string, unknown> } }
  >;
  workflows?: Record<string, {
    input_parameters?: { properties?: Record<string, unknown> };
    steps?: Array<
      { id: string; function_id: string; inputs: Record<string, unknown> }
    >;
  }>;
}

/** Outputs of the built-in Slack functions the app uses. */
const BUILTIN_OUTPUTS: Record<string, string[]> = {
  "slack#/functions/open_form": [
    "fields",
    "interactivity",
    "submit_user",
    "timestamp_started",
    "timestamp_completed",
  ],
  "slack#/functions/send_message": ["message_context"],
  "slack#/functions/send_dm": ["message_context"],
  // Connectors, from Slack's connector reference (see connectors/).
  "A04T6GE3LEB#/functions/create_issue": [
    "issue_id",
    "issue_url",
    "project",
    "summary",
    "description",
    "issue_type",
  ],
  "A04MG80N5CY#/functions/add_spreadsheet_row": [
    "spreadsheet_url",
    "spreadsheet_id",
    "timestamp_started",
    "timestamp_completed",
    "column_values",
  ],
};

export function brokenReferences(manifest: ManifestLike): string[] {
  const problems: string[] = [];
  for (const [name, workflow] of Object.entries(manifest.workflows ?? {})) {
    const inputs = Object.keys(workflow.input_parameters?.properties ?? {});
    const steps = workflow.steps ?? [];
    steps.forEach((step, index) => {
      for (const reference of referencesIn(step.inputs)) {
        const [root, first, second] = reference.split(".");
        const at =
          `${name} step ${index} (${step.function_id}): {{${reference}}}`;
        if (root === "inputs") {
          if (!inputs.includes(first)) {
            problems.push(`${at}: no workflow input ${first}`);
          }
        } else if (root === "steps") {
          const source = Number(first);
          if (!(source < index)) {
            problems.push(`${at}: step ${first} does not come before this one`);
            continue;
          }
          const outputs = outputsOf(manifest, steps[source].function_id);
          if (!outputs.includes(second)) {
            problems.push(`${at}: step ${first} has no output ${second}`);
          }
        } else {
          problems.push(`${at}: unknown reference`);
        }
      }
    });
  }
  return problems;
}

function outputsOf(manifest: ManifestLike, functionId: string): string[] {
  const builtin = BUILTIN_OUTPUTS[functionId];
  if (builtin) return builtin;
  const own = functionId.match(/^#\/functions\/(.+)$/)?.[1];
  return Object.keys(
    manifest.functions?.[own ?? ""]?.output_parameters?.properties ?? {},
  );
}

function referencesIn(value: unknown): string[] {
  if (typeof value === "string") {
    return [...value.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === "object") {
    return Object.values(value).flatMap(referencesIn);
  }
  return [];
}
