// The local stand-in for what Slack does with Helpdesk's manifest: starts
// workflows from triggers, runs their steps in order (resolving references as
// the manifest declares them), runs custom functions through FunctionHost and
// the built-in OpenForm as a modal, and routes view submissions to the
// execution that opened the view. The app's code runs unchanged.
import manifest from "../../manifest.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";
import {
  type Completion,
  type Execution,
  FunctionHost,
} from "./function_host.ts";
import { resolveTemplates } from "./templates.ts";
import {
  formFields,
  type FormInputs,
  formView,
  OPEN_FORM_ID,
  stateFor,
} from "./open_form.ts";

interface Step {
  id: string;
  function_id: string;
  inputs: Record<string, unknown>;
}

interface ManifestJson {
  functions: Record<string, { source_file: string }>;
  workflows: Record<string, { steps: Step[] }>;
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

/** What a trigger definition passes to its workflow. */
export interface TriggerLike {
  workflow: string;
  inputs?: Record<string, { value?: unknown; customizable?: boolean }>;
}

export class LocalRuntime {
  readonly activity: ActivityEntry[] = [];
  readonly host: FunctionHost;
  #manifest: ManifestJson;
  #runs = 0;

  constructor(
    readonly slack: FakeSlack,
    root = new URL("../../", import.meta.url),
  ) {
    this.#manifest = JSON.parse(JSON.stringify(manifest));
    const sources = new Map(
      Object.entries(this.#manifest.functions).map((
        [id, f],
      ) => [id, f.source_file]),
    );
    this.host = new FunctionHost(slack, root, sources);
  }

  /**
   * Fires a trigger as a person would (a link trigger's shortcut, a workflow
   * button): `data` is the trigger's context (user_id, channel_id, …) and
   * `customized` the values a workflow button passes.
   */
  fire(
    trigger: TriggerLike,
    data: Record<string, unknown>,
    customized: Record<string, unknown> = {},
  ): WorkflowRun {
    const interactivity = {
      interactivity_pointer: `local-pointer-${crypto.randomUUID()}`,
      interactor: { id: data.user_id, secret: "local" },
    };
    const scope = { data: { ...data, interactivity } };
    const inputs: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(trigger.inputs ?? {})) {
      inputs[name] = input.customizable
        ? customized[name]
        : resolveTemplates(input.value, scope);
    }
    return this.startWorkflow(
      trigger.workflow.replace(/^#\/workflows\//, ""),
      inputs,
    );
  }

  startWorkflow(
    callbackId: string,
    inputs: Record<string, unknown>,
  ): WorkflowRun {
    const workflow = this.#manifest.workflows[callbackId];
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
    steps: Step[],
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
      const execution = step.function_id === OPEN_FORM_ID
        ? this.#openForm(stepInputs as unknown as FormInputs)
        : await this.host.run(
          step.function_id.replace(/^#\/functions\//, ""),
          stepInputs,
        );
      const result = await execution.done;
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

  #openForm(form: FormInputs): Execution {
    const execution = this.host.open(
      "open_form",
      form as unknown as Record<string, unknown>,
    );
    const view = formView(form, [...this.slack.workspace.usergroups.keys()]);
    this.slack.workspace.views.push({
      id: this.slack.workspace.nextId("V"),
      view: { ...view, private_metadata: execution.id },
      opened_by_token: execution.token,
    });
    return execution;
  }

  /** Open modals, newest last. */
  openViews() {
    return this.slack.workspace.views.filter((v) => !v.closed);
  }

  /**
   * Submits a modal as `user`, with answers by block id. Returns the errors
   * the handler put under fields, if it refused the submission.
   */
  async submitView(
    viewId: string,
    user: string,
    answers: Record<string, unknown>,
  ): Promise<Record<string, string> | undefined> {
    const open = this.#view(viewId);
    const execution = this.host.byToken(open.opened_by_token)!;
    const state = stateFor(open.view, answers);
    const view = { id: viewId, ...open.view, state: { values: state } };
    if (execution.callbackId === "open_form") {
      const missing = this.#missingRequired(open.view, answers);
      if (missing) return missing;
      open.closed = true;
      execution.complete({
        ok: true,
        outputs: {
          fields: formFields(execution.inputs as unknown as FormInputs, state),
          submit_user: user,
          interactivity: {
            interactivity_pointer: `local-pointer-${crypto.randomUUID()}`,
            interactor: { id: user, secret: "local" },
          },
          timestamp_started: Math.floor(Date.now() / 1000),
          timestamp_completed: Math.floor(Date.now() / 1000),
        },
      });
      return undefined;
    }
    const answer = await this.host.viewEvent(
      execution,
      "view_submission",
      view,
      user,
    );
    if (answer?.response_action === "errors") {
      return answer.errors as Record<string, string>;
    }
    open.closed = true;
    return undefined;
  }

  async closeView(viewId: string, user: string) {
    const open = this.#view(viewId);
    open.closed = true;
    const execution = this.host.byToken(open.opened_by_token)!;
    if (execution.callbackId === "open_form") {
      execution.complete({
        ok: false,
        error: "The form was closed without submitting.",
      });
    } else if (open.view.notify_on_close) {
      await this.host.viewEvent(execution, "view_closed", {
        id: viewId,
        ...open.view,
      }, user);
    }
  }

  #view(viewId: string) {
    const open = this.slack.workspace.views.find((v) =>
      v.id === viewId && !v.closed
    );
    if (!open) throw new Error(`no open view ${viewId}`);
    return open;
  }

  #missingRequired(
    view: Record<string, unknown>,
    answers: Record<string, unknown>,
  ) {
    const errors: Record<string, string> = {};
    for (const block of (view.blocks ?? []) as Array<Record<string, unknown>>) {
      if (block.type !== "input" || block.optional) continue;
      const answer = answers[block.block_id as string];
      if (answer === undefined || answer === "") {
        errors[block.block_id as string] =
          "Please complete this required field.";
      }
    }
    return Object.keys(errors).length ? errors : undefined;
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
