// The hand-over between two steps of one of Helpdesk's workflows, for tests
// that run the next step themselves: the first step's outputs held to its
// function's declared ones, then the next step's inputs resolved from them
// as the workflow's definition maps them, its required inputs present. As
// strict as the local runtime (dev/local/runtime/step_parameters.ts says
// what the sources state and what is a guess).
import { resolveTemplates } from "../local/runtime/templates.ts";
import type { WorkflowStep } from "../local/runtime/workflow_runner.ts";
import {
  checkedOutputs,
  type DeclaredParameters,
  missingRequiredInputs,
} from "../local/runtime/step_parameters.ts";

/** A function's definition as DefineFunction makes it. */
interface DefinedFunction {
  definition: {
    callback_id: string;
    input_parameters?: unknown;
    output_parameters?: unknown;
  };
}

/** Parameters as the manifest writes them: Slack's types by their names. */
const declared = (parameters: unknown): DeclaredParameters | undefined =>
  parameters === undefined ? undefined : JSON.parse(JSON.stringify(parameters));

/**
 * The inputs `workflow` gives its step after step `from` (run by `given`),
 * which ended with `outputs` and is run by `taken`; throws Slack's
 * refusal, or the missing required inputs, as the local runtime fails the
 * run with them.
 */
export function handOver(
  workflow: { export(): { steps: WorkflowStep[] } },
  from: number,
  given: DefinedFunction,
  outputs: Record<string, unknown>,
  taken: DefinedFunction,
): Record<string, unknown> {
  const checked = checkedOutputs(
    `#/functions/${given.definition.callback_id}`,
    declared(given.definition.output_parameters),
    outputs,
  );
  if (!checked.ok) throw new Error(checked.error);
  const next = workflow.export().steps[from + 1];
  if (next?.function_id !== `#/functions/${taken.definition.callback_id}`) {
    throw new Error(
      `step ${from + 1} does not run ${taken.definition.callback_id}`,
    );
  }
  const inputs = resolveTemplates(next.inputs, {
    inputs: {},
    steps: { [from]: outputs },
  }) as Record<string, unknown>;
  const missing = missingRequiredInputs(
    declared(taken.definition.input_parameters),
    inputs,
  );
  if (missing.length) {
    throw new Error(
      `${next.function_id} is missing required inputs: ${missing.join(", ")}`,
    );
  }
  return inputs;
}
