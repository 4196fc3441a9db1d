// Runs the app's custom functions in-process, as Slack's Deno runtime does:
// each execution gets its own id and token and the context Slack gives
// (inputs, env, token, team, event, a client pointed at the local API). An
// execution completes when its handler returns outputs or an error, or, if it
// returned `completed: false`, when it calls functions.completeSuccess or
// completeError; interactivity on views it opened is routed back to it.
import type { FakeSlack } from "../../testing/fake_slack/server.ts";
import { INTERACTIVE_DEADLINE_MS } from "../../testing/fake_slack/interactive_deadline.ts";

export type Completion =
  | { ok: true; outputs: Record<string, unknown> }
  | { ok: false; error: string };

export interface Execution {
  id: string;
  callbackId: string;
  token: string;
  inputs: Record<string, unknown>;
  done: Promise<Completion>;
  complete(result: Completion): void;
  /** Set once complete. */
  result?: Completion;
}

// deno-lint-ignore no-explicit-any
type Handler = any;

export interface FunctionSource {
  callbackId: string;
  sourceFile: string;
}

/** What a view_submission answered after Slack stopped waiting. */
export const LATE = Symbol("answered after Slack's 3 s");

/** One answer to an interaction, timed from when Slack sent it. */
export interface InteractionAnswer {
  type: "view_submission" | "view_closed" | "block_actions";
  callbackId: string;
  ms: number;
  late: boolean;
}

/**
 * The local workspace runs as a deployment with the report's CSV export on
 * (HELPDESK_EXPORT=on, `slack env add`), so the file it sends can be
 * downloaded from the DM; the fake is granted what that setting asks for.
 */
export const LOCAL_ENV = { HELPDESK_EXPORT: "on" };

export class FunctionHost {
  /** Every interaction answered, in order: how long each took. */
  readonly answers: InteractionAnswer[] = [];
  /** Slack's 3 s; the runtime's own tests shorten it. */
  answerDeadlineMs = INTERACTIVE_DEADLINE_MS;
  #executions = new Map<string, Execution>();
  #modules = new Map<string, Promise<Handler>>();
  #count = 0;
  /**
   * Execution ids and tokens must not repeat after a restart: saved messages
   * and views keep the token of the execution that posted or opened them.
   */
  readonly #boot = Date.now().toString(36).toUpperCase();
  /** Hands out interactivity pointers; the runtime remembers whose they are. */
  pointerFor: (user: string) => string = () =>
    `local-pointer-${crypto.randomUUID()}`;

  constructor(
    private slack: FakeSlack,
    private root: URL,
    private sources: Map<string, string>,
    private env: Record<string, string> = {},
  ) {
    // A function that left itself open completes through the Web API.
    slack.onCall((call) => {
      if (!call.response.ok) return;
      const id = call.args.function_execution_id as string | undefined;
      const execution = id ? this.#executions.get(id) : undefined;
      if (!execution) return;
      if (call.method === "functions.completeSuccess") {
        execution.complete({
          ok: true,
          outputs: (call.args.outputs ?? {}) as Record<string, unknown>,
        });
      } else if (call.method === "functions.completeError") {
        execution.complete({ ok: false, error: String(call.args.error) });
      }
    });
  }

  /** A pending execution, for built-ins the runtime itself completes. */
  open(callbackId: string, inputs: Record<string, unknown>): Execution {
    this.#count += 1;
    const id = `Fx${this.#boot}${String(this.#count).padStart(6, "0")}`;
    let settle!: (c: Completion) => void;
    const done = new Promise<Completion>((resolve) => settle = resolve);
    const execution: Execution = {
      id,
      callbackId,
      token: `xwfp-local-${id}`,
      inputs,
      done,
      complete: (result) => {
        if (execution.result) return;
        execution.result = result;
        settle(result);
      },
    };
    this.#executions.set(id, execution);
    return execution;
  }

  byToken(token: string | undefined): Execution | undefined {
    return [...this.#executions.values()].find((e) => e.token === token);
  }

  async run(
    callbackId: string,
    inputs: Record<string, unknown>,
  ): Promise<Execution> {
    const execution = this.open(callbackId, inputs);
    const handler = await this.#module(callbackId);
    let result: Record<string, unknown>;
    try {
      result = await handler(this.#context(execution, {
        event: {
          type: "function_executed",
          function_execution_id: execution.id,
          inputs,
          function: {
            id: `Fn_${callbackId}`,
            callback_id: callbackId,
            title: callbackId,
          },
          event_ts: String(Date.now() / 1000),
          bot_access_token: execution.token,
        },
      })) ?? {};
    } catch (error) {
      execution.complete({ ok: false, error: `The function threw: ${error}` });
      return execution;
    }
    if (result.completed === false) return execution;
    execution.complete(
      result.error ? { ok: false, error: String(result.error) } : {
        ok: true,
        outputs: (result.outputs ?? {}) as Record<string, unknown>,
      },
    );
    return execution;
  }

  /** view_submission for a view the execution opened; returns its answer. */
  async viewEvent(
    execution: Execution,
    type: "view_submission" | "view_closed",
    view: Record<string, unknown>,
    user: string,
  ): Promise<Record<string, unknown> | typeof LATE | undefined> {
    const handler = await this.#module(execution.callbackId);
    const body = this.#interaction(execution, type, user, { view });
    const route = type === "view_submission"
      ? handler.viewSubmission
      : handler.viewClosed;
    const started = performance.now();
    const answer = await route(this.#context(execution, { body, view }));
    const late = this.#timed(type, execution, started);
    // view_closed needs no answer; a late submission's answer is lost.
    if (late && type === "view_submission") return LATE;
    return answer ?? undefined;
  }

  #timed(
    type: InteractionAnswer["type"],
    execution: Execution,
    started: number,
  ): boolean {
    const ms = Math.round(performance.now() - started);
    const late = ms > this.answerDeadlineMs;
    this.answers.push({ type, callbackId: execution.callbackId, ms, late });
    if (late) {
      console.warn(
        `${execution.callbackId}: ${type} answered after ${ms} ms; Slack stopped waiting at ${this.answerDeadlineMs} ms`,
      );
    }
    return late;
  }

  /** block_actions on a message the execution posted. */
  async blockAction(
    execution: Execution,
    action: Record<string, unknown>,
    message: { channel: string; ts: string; text: string; blocks?: unknown[] },
    user: string,
  ): Promise<void> {
    const handler = await this.#module(execution.callbackId);
    const body = this.#interaction(execution, "block_actions", user, {
      actions: [action],
      channel: { id: message.channel },
      container: {
        type: "message",
        message_ts: message.ts,
        channel_id: message.channel,
      },
      message: { ts: message.ts, text: message.text, blocks: message.blocks },
    });
    const started = performance.now();
    await handler.blockActions(this.#context(execution, { body, action }));
    this.#timed("block_actions", execution, started);
  }

  /** block_actions on a view the execution opened (a button in a modal). */
  async viewAction(
    execution: Execution,
    action: Record<string, unknown>,
    view: Record<string, unknown>,
    user: string,
  ): Promise<void> {
    const handler = await this.#module(execution.callbackId);
    const body = this.#interaction(execution, "block_actions", user, {
      actions: [action],
      container: { type: "view", view_id: view.id },
      view,
    });
    const started = performance.now();
    await handler.blockActions(this.#context(execution, { body, action }));
    this.#timed("block_actions", execution, started);
  }

  /** The body Slack sends for any interaction with an execution's UI. */
  #interaction(
    execution: Execution,
    type: string,
    user: string,
    extra: Record<string, unknown>,
  ) {
    return {
      type,
      user: { id: user },
      team: {
        id: this.slack.workspace.teamId,
        domain: this.slack.workspace.domain,
      },
      ...extra,
      function_data: {
        execution_id: execution.id,
        function: { callback_id: execution.callbackId },
        inputs: execution.inputs,
      },
      interactivity: {
        interactor: { id: user, secret: "local" },
        // A fresh pointer for each interaction, as Slack gives.
        interactivity_pointer: this.pointerFor(user),
      },
      bot_access_token: execution.token,
    };
  }

  #context(execution: Execution, extra: Record<string, unknown>) {
    return {
      inputs: execution.inputs,
      env: { ...LOCAL_ENV, ...this.env, SLACK_API_URL: this.slack.apiUrl },
      token: execution.token,
      team_id: this.slack.workspace.teamId,
      enterprise_id: "",
      ...extra,
    };
  }

  #module(callbackId: string): Promise<Handler> {
    const source = this.sources.get(callbackId);
    if (!source) throw new Error(`the manifest has no function ${callbackId}`);
    let loaded = this.#modules.get(callbackId);
    if (!loaded) {
      loaded = import(new URL(source, this.root).href).then((m) => m.default);
      this.#modules.set(callbackId, loaded);
    }
    return loaded;
  }
}
