// The local stand-in for what Slack does with Helpdesk's manifest: starts
// workflows from triggers, runs their steps in order (resolving references as
// the manifest declares them), runs custom functions through FunctionHost and
// the built-in OpenForm as a modal, and routes view submissions to the
// execution that opened the view. The app's code runs unchanged.
import manifest from "../../../manifest.ts";
import type {
  FakeSlack,
  RecordedCall,
} from "../../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";
import {
  type Completion,
  type Execution,
  FunctionHost,
} from "./function_host.ts";
import { resolveTemplates } from "./templates.ts";
import { type FilterNode, matchesFilter } from "./trigger_filter.ts";
import { nextRunAt, type Schedule } from "./schedule.ts";
import {
  SEND_DM_ID,
  SEND_MESSAGE_ID,
  sendMessage,
} from "./message_functions.ts";
import { type FormInputs, OPEN_FORM_ID } from "./open_form.ts";
import { Modals } from "./modals.ts";

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
  /**
   * Runs that Helpdesk's own posts and reactions started. Slack delivers
   * the app's own acts as events like anyone's, so the triggers Helpdesk
   * makes leave its bot user out (triggers/created_by_app/own_events.ts):
   * this should stay empty.
   */
  readonly ownEventRuns: WorkflowRun[] = [];
  readonly host: FunctionHost;
  readonly modals: Modals;
  #manifest: ManifestJson;
  #runs = 0;
  readonly #lastScheduledRun = new Map<string, number>();

  /**
   * Runs the app in `root` described by `app.manifest` (by default this
   * repository and its manifest.ts); tests pass a small app of their own.
   */
  constructor(
    readonly slack: FakeSlack,
    app: {
      manifest?: unknown;
      root?: URL;
      /** What `slack env add` would have set for the functions. */
      env?: Record<string, string>;
    } = {},
  ) {
    const root = app.root ?? new URL("../../../", import.meta.url);
    this.#manifest = JSON.parse(JSON.stringify(app.manifest ?? manifest));
    const sources = new Map(
      Object.entries(this.#manifest.functions).map((
        [id, f],
      ) => [id, f.source_file]),
    );
    this.host = new FunctionHost(slack, root, sources, app.env);
    this.modals = new Modals(slack, this.host);
    this.host.pointerFor = (user) =>
      this.modals.interactivity(user).interactivity_pointer;
    slack.onCall((call) => this.#ownEvent(call));
  }

  /** Helpdesk's own reply in a thread, or its own reaction, as an event. */
  #ownEvent(call: RecordedCall) {
    if (!call.response.ok) return;
    const args = call.args as Record<string, string | undefined>;
    if (call.method === "reactions.add" && args.channel && args.timestamp) {
      this.ownEventRuns.push(
        ...this.#fireEvents("slack#/events/reaction_added", args.channel, {
          channel_id: args.channel,
          message_ts: args.timestamp,
          reaction: args.name,
          user_id: BOT_USER_ID,
        }),
      );
    }
    const posted = call.response as { channel?: string; ts?: string };
    if (
      call.method === "chat.postMessage" && args.thread_ts && posted.channel
    ) {
      this.ownEventRuns.push(
        ...this.#fireEvents("slack#/events/message_posted", posted.channel, {
          channel_id: posted.channel,
          user_id: BOT_USER_ID,
          text: args.text,
          message_ts: posted.ts,
          thread_ts: args.thread_ts,
        }),
      );
    }
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
    const interactivity = this.modals.interactivity(String(data.user_id));
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
      // A step that can't even start (an unknown function) fails the run.
      const result = await this.#runStep(step.function_id, stepInputs)
        .then((execution) => execution.done)
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

  /** A step: a built-in Slack function, or one of the app's own. */
  async #runStep(
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

  /**
   * A person reacts to a message: the reaction is shown, and every event
   * trigger on reaction_added for that channel whose filter passes fires.
   */
  reactionAdded(
    channel: string,
    ts: string,
    reaction: string,
    user: string,
  ): WorkflowRun[] {
    if (!this.slack.workspace.react(channel, ts, reaction, user)) return [];
    const message = this.slack.workspace.findMessage(channel, ts)!;
    return this.#fireEvents("slack#/events/reaction_added", channel, {
      channel_id: channel,
      message_ts: ts,
      reaction,
      user_id: user,
      item_user: message.user,
      message_link: this.slack.workspace.permalink(
        channel,
        ts,
        message.thread_ts,
      ),
      ...(message.thread_ts && message.thread_ts !== ts
        ? {
          parent_message_link: this.slack.workspace.permalink(
            channel,
            message.thread_ts,
          ),
        }
        : {}),
    });
  }

  /** A person posts a message: message_posted event triggers may fire. */
  messagePosted(
    channel: string,
    user: string,
    text: string,
    threadTs?: string,
    files: { name: string; mimetype?: string; bytes: Uint8Array }[] = [],
  ): WorkflowRun[] {
    const message = this.slack.workspace.postAs(
      user,
      channel,
      text,
      threadTs,
      files,
    );
    // A reply's two timestamps in the order the fake Slack is set to give.
    const swapped = threadTs !== undefined &&
      this.slack.threadEventOrder === "parent_first";
    return this.#fireEvents("slack#/events/message_posted", channel, {
      channel_id: channel,
      user_id: user,
      text,
      message_ts: swapped ? threadTs : message.ts,
      thread_ts: swapped ? message.ts : threadTs,
      channel_type: this.slack.workspace.channels.get(channel)?.is_private
        ? "private"
        : "public",
    });
  }

  #fireEvents(
    eventType: string,
    channel: string,
    data: Record<string, unknown>,
  ): WorkflowRun[] {
    return [...this.slack.triggers.values()]
      .filter((t) => {
        const event = t.event as {
          event_type?: string;
          channel_ids?: string[];
          all_resources?: boolean;
          filter?: { root: FilterNode };
        } | undefined;
        return event?.event_type === eventType &&
          (event.all_resources || event.channel_ids?.includes(channel)) &&
          matchesFilter(event.filter, data);
      })
      .map((t) => this.fire(t as TriggerLike, data));
  }

  /**
   * A click on a message's button or menu. A workflow button starts its link
   * trigger with the button's customizable inputs; any other element is a
   * block action, routed to the function execution that posted the message
   * while it is still open, as Slack routes it.
   */
  async clickButton(
    channel: string,
    ts: string,
    actionId: string,
    user: string,
    value?: string,
  ): Promise<WorkflowRun | undefined> {
    const message = this.slack.workspace.findMessage(channel, ts);
    const found = ((message?.blocks ?? []) as Array<Record<string, unknown>>)
      .flatMap((block) => {
        const elements = (block.elements ??
          (block.accessory ? [block.accessory] : [])) as Array<
            Record<string, unknown>
          >;
        return elements.map((element) => ({ block, element }));
      })
      .find(({ element }) => element.action_id === actionId);
    if (!message || !found) {
      throw new Error(`no element ${actionId} on that message`);
    }
    const { block, element } = found;
    if (element.type === "workflow_button") {
      return this.#startWorkflowButton(element, {
        channel,
        ts,
        actionId,
        user,
      });
    }
    const execution = this.host.byToken(message.posted_by_token);
    if (!execution || execution.result) {
      // Slack shows an error too: the posting function has finished.
      throw new Error(
        "This message's function has finished, so its buttons no longer work.",
      );
    }
    await this.host.blockAction(
      execution,
      {
        type: element.type,
        action_id: actionId,
        block_id: block.block_id,
        action_ts: String(Date.now() / 1000),
        ...(value === undefined
          ? { value: element.value }
          : selectedValue(String(element.type), value)),
      },
      message,
      user,
    );
    return undefined;
  }

  #startWorkflowButton(
    button: Record<string, unknown>,
    at: { channel: string; ts: string; actionId: string; user: string },
  ): WorkflowRun {
    const { url, customizable_input_parameters } = (button.workflow as {
      trigger: {
        url: string;
        customizable_input_parameters?: Array<{ name: string; value: string }>;
      };
    }).trigger;
    const trigger = [...this.slack.triggers.values()].find((t) =>
      t.shortcut_url === url
    );
    if (!trigger) throw new Error(`the trigger behind ${url} no longer exists`);
    const params = Object.fromEntries(
      (customizable_input_parameters ?? []).map((p) => [p.name, p.value]),
    );
    return this.fire(trigger as TriggerLike, {
      user_id: at.user,
      channel_id: at.channel,
      message_ts: at.ts,
      action_id: at.actionId,
      location: "button",
    }, params);
  }

  /**
   * After a restart: the executions behind views left open are gone, so the
   * views close (as a modal does when its app is redeployed), and scheduled
   * triggers run at their next time, not for the times missed while stopped.
   */
  resumeAfterRestart(now = Date.now()) {
    for (const view of this.slack.workspace.views) view.closed = true;
    for (const trigger of this.scheduledTriggers()) {
      this.#lastScheduledRun.set(trigger.id, now);
    }
  }

  /** Scheduled triggers the app created, for the page's "Run now". */
  scheduledTriggers() {
    return [...this.slack.triggers.values()].filter((t) =>
      t.type === "scheduled"
    );
  }

  /** Runs a scheduled trigger now, as its schedule would. */
  runScheduled(triggerId: string): WorkflowRun {
    const trigger = this.slack.triggers.get(triggerId);
    if (trigger?.type !== "scheduled") {
      throw new Error(`no scheduled trigger ${triggerId}`);
    }
    this.#lastScheduledRun.set(triggerId, Date.now());
    return this.fire(trigger as TriggerLike, { user_id: "USLACKBOT" });
  }

  /** The clock: fires each scheduled trigger whose time has come. */
  tick(now = Date.now()): WorkflowRun[] {
    return this.scheduledTriggers().flatMap((trigger) => {
      const due = nextRunAt(
        trigger.schedule as Schedule,
        this.#lastScheduledRun.get(trigger.id),
      );
      return due !== undefined && due <= now
        ? [this.runScheduled(trigger.id)]
        : [];
    });
  }

  /** Open modals, newest last; only `user`'s when given. */
  openViews(user?: string) {
    return this.modals.openFor(user);
  }

  /** Submits a modal; returns the errors shown under its fields, if any. */
  submitView(viewId: string, user: string, answers: Record<string, unknown>) {
    return this.modals.submit(viewId, user, answers);
  }

  /** A click on a button or menu in an open modal (`value`: a menu's choice). */
  clickInView(
    viewId: string,
    actionId: string,
    user: string,
    value?: string,
    blockId?: string,
  ) {
    return this.modals.click(viewId, actionId, user, value, blockId);
  }

  closeView(viewId: string, user: string) {
    return this.modals.close(viewId, user);
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

/** A menu's choice as Slack reports it in the action. */
function selectedValue(type: string, value: string): Record<string, unknown> {
  if (type === "users_select") return { selected_user: value };
  if (type === "conversations_select") return { selected_conversation: value };
  if (type === "channels_select") return { selected_channel: value };
  return { selected_option: { value } };
}
