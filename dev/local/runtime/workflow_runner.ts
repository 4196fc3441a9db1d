// A workflow run, step after step, as Slack runs one: each step's inputs
// resolved from the workflow's inputs and the earlier steps' outputs, Slack's
// own OpenForm shown as a modal, SendMessage and SendDm posted by the bot,
// the app's own functions run through FunctionHost, and the run stopped at
// the first step that fails. An app function's outputs are held to its
// declared output_parameters, and a step's required inputs must resolve,
// as strictly as the sources allow (step_parameters.ts). Every start, step and end goes to the activity
// log the page's Activity panel shows. Kept apart from LocalRuntime
// (local_runtime.ts), which decides what starts a run: triggers, events,
// buttons and the clock.
import type { FakeSlack } from "../../testing/fake_slack/server.ts";
import type { Completion, Execution, FunctionHost } from "./function_host.ts";
import { resolveTemplates } from "./templates.ts";
import {
  SEND_DM_ID,
  SEND_MESSAGE_ID,
  sendMessage,
} from "./message_functions.ts";
import { type FormInputs, OPEN_FORM_ID } from "./open_form.ts";
import type { Modals } from "./modals.ts";
import {
  checkedOutputs,
  type DeclaredParameters,
  missingRequiredInputs,
} from "./step_parameters.ts";

/** A step as the manifest declares it. */
export interface WorkflowStep {
  id: string;
  function_id: string;
  inputs: Record<string, unknown>;
}

/** An app function as the manifest declares it: what it takes and gives. */
export interface DeclaredFunction {
  input_parameters?: DeclaredParameters;
  output_parameters?: DeclaredParameters;
}

export interface ActivityEntry {
  at: number;
  workflow: string;
  step?: string;
  level: "info" | "error";
  message: string;
}

export interface WorkflowRun {
  id: string;
  workflow: string;
  /** Settles when the last step completes or a step fails. */
  done: Promise<Completion>;
}

export class WorkflowRunner {
  readonly activity: ActivityEntry[] = [];
  #runs = 0;

  constructor(
    readonly slack: FakeSlack,
    readonly host: FunctionHost,
    readonly modals: Modals,
    readonly workflows: Record<string, { steps: WorkflowStep[] }>,
    readonly functions: Record<string, DeclaredFunction> = {},
  ) {}

  start(
    callbackId: string,
    inputs: Record<string, unknown>,
  ): WorkflowRun {
    const workflow = this.workflows[callbackId];
    if (!workflow) {
      throw new Error(`the manifest has no workflow ${callbackId}`);
    }
    this.#runs += 1;
    const run = {
      id: `Wx${String(this.#runs).padStart(10, "0")}`,
      workflow: callbackId,
      done: this.#runSteps(callbackId, workflow.steps, inputs),
    };
    return run;
  }

  async #runSteps(
    workflow: string,
    steps: WorkflowStep[],
    inputs: Record<string, unknown>,
  ): Promise<Completion> {
    const outputs: Record<string, unknown> = {};
    this.#log(workflow, undefined, "info", "started");
    for (const [index, step] of steps.entries()) {
      const stepInputs = resolveTemplates(step.inputs, {
        inputs,
        steps: outputs,
      }) as Record<
        string,
        unknown
      >;
      // A step that can't even start (an unknown function) fails the run.
      const result = await this.#runStep(step.function_id, stepInputs)
        .catch((error): Completion => ({
          ok: false,
          error: String(error?.message ?? error),
        }));
      if (!result.ok) {
        this.#log(workflow, step.function_id, "error", result.error);
        return result;
      }
      outputs[index] = result.outputs;
      this.#log(workflow, step.function_id, "info", "completed");
    }
    this.#log(workflow, undefined, "info", "completed");
    return { ok: true, outputs: {} };
  }

  /**
   * A step: a built-in Slack function, or one of the app's own. An app
   * function's required inputs must have resolved, and its outputs must
   * be those it declares (step_parameters.ts says which of this is a
   * guess); built-ins are emulated and declared nowhere here.
   */
  async #runStep(
    functionId: string,
    inputs: Record<string, unknown>,
  ): Promise<Completion> {
    const own = functionId.startsWith("#/functions/")
      ? functionId.replace(/^#\/functions\//, "")
      : undefined;
    const declared = own ? this.functions[own] : undefined;
    const missing = missingRequiredInputs(declared?.input_parameters, inputs);
    if (missing.length) {
      return {
        ok: false,
        error: `${functionId} is missing required inputs: ${
          missing.join(", ")
        }`,
      };
    }
    const result = await (await this.#startStep(functionId, inputs)).done;
    if (!result.ok || !declared) return result;
    return checkedOutputs(
      functionId,
      declared.output_parameters,
      result.outputs,
    );
  }

  async #startStep(
    functionId: string,
    inputs: Record<string, unknown>,
  ): Promise<Execution> {
    if (functionId === OPEN_FORM_ID) {
      return this.modals.openForm(inputs as unknown as FormInputs);
    }
    if (functionId === SEND_MESSAGE_ID || functionId === SEND_DM_ID) {
      const execution = this.host.open(functionId, inputs);
      try {
        execution.complete({
          ok: true,
          outputs: sendMessage(this.slack.workspace, functionId, inputs),
        });
      } catch (error) {
        execution.complete({
          ok: false,
          error: String((error as Error).message),
        });
      }
      return execution;
    }
    if (functionId.startsWith("slack#/")) {
      throw new Error(`the local workspace does not emulate ${functionId} yet`);
    }
    return await this.host.run(
      functionId.replace(/^#\/functions\//, ""),
      inputs,
    );
  }

  #log(
    workflow: string,
    step: string | undefined,
    level: "info" | "error",
    message: string,
  ) {
    this.activity.push({ at: Date.now(), workflow, step, level, message });
  }
}
