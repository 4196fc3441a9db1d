// The local stand-in for what Slack does with Helpdesk's manifest: starts
// workflows from triggers, runs their steps in order (resolving references as
// the manifest declares them), runs custom functions through FunctionHost and
// the built-in OpenForm as a modal, and routes view submissions to the
// execution that opened the view. The app's code runs unchanged.
//
// This file decides what starts a run and where a click goes: link triggers,
// events (event_triggers.ts), buttons and menus on messages
// (message_clicks.ts), the clock (schedule.ts) and modals (modals.ts). A run's
// steps are run by WorkflowRunner (workflow_runner.ts).
import manifest from "../../../manifest.ts";
import type {
  FakeSlack,
  RecordedCall,
} from "../../testing/fake_slack/server.ts";
import { FunctionHost } from "./function_host.ts";
import { resolveTemplates } from "./templates.ts";
import { nextRunAt, type Schedule } from "./schedule.ts";
import { Modals } from "./modals.ts";
import {
  type ActivityEntry,
  type DeclaredFunction,
  type WorkflowRun,
  WorkflowRunner,
  type WorkflowStep,
} from "./workflow_runner.ts";
import {
  MESSAGE_POSTED,
  ownEventsOf,
  REACTION_ADDED,
  reactionAddedData,
  type SlackEvent,
  triggersFiredBy,
} from "./event_triggers.ts";
import {
  blockAction,
  elementOn,
  workflowButtonTrigger,
} from "./message_clicks.ts";

export type { ActivityEntry, WorkflowRun };

interface ManifestJson {
  functions: Record<string, { source_file: string } & DeclaredFunction>;
  workflows: Record<string, { steps: WorkflowStep[] }>;
}

/** What a trigger definition passes to its workflow. */
export interface TriggerLike {
  workflow: string;
  inputs?: Record<string, { value?: unknown; customizable?: boolean }>;
}

export class LocalRuntime {
  readonly activity: ActivityEntry[];
  /**
   * Runs that Helpdesk's own posts and reactions started. Slack delivers
   * the app's own acts as events like anyone's, so the triggers Helpdesk
   * makes leave its bot user out (triggers/created_by_app/own_events.ts):
   * this should stay empty.
   */
  readonly ownEventRuns: WorkflowRun[] = [];
  readonly host: FunctionHost;
  readonly modals: Modals;
  readonly #workflows: WorkflowRunner;
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
    const described: ManifestJson = JSON.parse(
      JSON.stringify(app.manifest ?? manifest),
    );
    const sources = new Map(
      Object.entries(described.functions).map((
        [id, f],
      ) => [id, f.source_file]),
    );
    this.host = new FunctionHost(slack, root, sources, app.env);
    this.modals = new Modals(slack, this.host);
    this.host.pointerFor = (user) =>
      this.modals.interactivity(user).interactivity_pointer;
    this.#workflows = new WorkflowRunner(
      slack,
      this.host,
      this.modals,
      described.workflows,
      described.functions,
    );
    this.activity = this.#workflows.activity;
    slack.onCall((call) => this.#ownEvent(call));
  }

  /** Helpdesk's own reply in a thread, or its own reaction, as an event. */
  #ownEvent(call: RecordedCall) {
    for (const event of ownEventsOf(call)) {
      this.ownEventRuns.push(...this.#fireEvent(event));
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
    return this.#workflows.start(callbackId, inputs);
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
    return this.#fireEvent({
      type: REACTION_ADDED,
      channel,
      data: reactionAddedData(this.slack, channel, ts, reaction, user),
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
    return this.#fireEvent({
      type: MESSAGE_POSTED,
      channel,
      data: {
        channel_id: channel,
        user_id: user,
        text,
        message_ts: swapped ? threadTs : message.ts,
        thread_ts: swapped ? message.ts : threadTs,
        channel_type: this.slack.workspace.channels.get(channel)?.is_private
          ? "private"
          : "public",
      },
    });
  }

  #fireEvent(event: SlackEvent): WorkflowRun[] {
    return triggersFiredBy(this.slack, event)
      .map((t) => this.fire(t as TriggerLike, event.data));
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
    const found = elementOn(message, actionId);
    if (!message || !found) {
      throw new Error(`no element ${actionId} on that message`);
    }
    const { block, element } = found;
    if (element.type === "workflow_button") {
      const { trigger, params } = workflowButtonTrigger(
        this.slack.triggers.values(),
        element,
      );
      return this.fire(trigger as TriggerLike, {
        user_id: user,
        channel_id: channel,
        message_ts: ts,
        action_id: actionId,
        location: "button",
      }, params);
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
      blockAction(block, element, actionId, value),
      message,
      user,
    );
    return undefined;
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
}
