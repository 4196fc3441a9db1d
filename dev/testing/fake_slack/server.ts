// A local stand-in for the Slack Web API. Functions reach it through
// `env.SLACK_API_URL`, which the SDK's client honours; the npm build of the
// SDK fetches with undici, so stubbing globalThis.fetch would not work.
//
// It records every call, answers with Slack's response shapes and errors,
// checks scopes against the ones the app was granted, can inject failures
// (`ratelimited` with Retry-After, `not_in_channel`, …) and a fixed latency,
// and keeps datastores in dynalite (see datastores.ts).
import { METHOD_SCOPES } from "../../permissions/method_scopes.ts";
import { type DatastoreSchema, FakeDatastores } from "./datastores.ts";
import { FakeWorkspace, type WorkspaceSeed } from "./workspace.ts";
import { type Args, requireString, SlackError } from "./slack_error.ts";
import { messagingMethods } from "./messaging_methods.ts";
import { conversationMethods } from "./conversation_methods.ts";
import type { MethodHandler } from "./method_handler.ts";
import { datastoreMethods } from "./datastore_methods.ts";
import { fileMethods, fileTransfer } from "./file_methods.ts";
import { StaleReads, type StaleReadsMode } from "./stale_reads.ts";
import {
  type ReactionFaults,
  ReactionFaultsInjector,
} from "./reaction_faults.ts";
import { type FakeTrigger, triggerMethods } from "./trigger_methods.ts";
import { RateLimits, TIER_PER_MINUTE } from "./rate_limits.ts";

export interface FakeSlackOptions {
  workspace?: WorkspaceSeed;
  datastores?: DatastoreSchema[];
  /** Bot scopes the app was granted; every method is allowed when absent. */
  scopes?: readonly string[];
  /** Added before each answer, to measure round trips. */
  latencyMs?: number;
  /** Up to this much more, at random, so that concurrent calls interleave. */
  jitterMs?: number;
  /** How message_posted events name a threaded reply; see ThreadEventOrder. */
  threadEventOrder?: ThreadEventOrder;
  /**
   * Eventually consistent datastore reads (see stale_reads.ts), e.g.
   * `{ windowMs: 300, chance: 0.5 }`. Off when absent.
   */
  staleReads?: StaleReadsMode;
  /**
   * 429s and 5xx on reactions.add and reactions.remove at random (see
   * reaction_faults.ts). Off when absent.
   */
  reactionFaults?: ReactionFaults;
}

/**
 * Which timestamp of a threaded message's message_posted event is the reply.
 * "reply_first": `message_ts` is the reply and `thread_ts` its parent, as
 * the Events API documents a reply (docs.slack.dev/reference/events/message/
 * message_replied). "parent_first": `message_ts` is the parent's, as the
 * SDK's description of the event data says (slackapi/deno-slack-api,
 * src/typed-method-types/workflows/triggers/event-data/message_posted.ts).
 * Sources disagree, so the fake can deliver either.
 */
export type ThreadEventOrder = "reply_first" | "parent_first";

export interface RecordedCall {
  method: string;
  /** The bearer token: in Slack, each function execution has its own. */
  token?: string;
  args: Args;
  startedAt: number;
  endedAt: number;
  status: number;
  response: Record<string, unknown>;
}

export interface InjectedFailure {
  /** The method to fail, or "*" for whichever is called. */
  method: string;
  /** Slack error code, answered as {ok:false,error}. */
  error?: string;
  /** HTTP status; 429 answers `ratelimited` with a Retry-After header. */
  status?: number;
  retryAfterSeconds?: number;
  /** Extra fields for the error body, e.g. needed/provided. */
  extra?: Record<string, unknown>;
  /** Answer {ok:true, ...answer} instead of failing, to stage a state. */
  answer?: Record<string, unknown>;
  /**
   * For apps.datastore.bulkPut, bulkGet and bulkDelete: the entries (items,
   * or ids) that fail. The others are carried out, and the call answers
   * Slack's `partial_failure` with those entries as `failed_items`.
   */
  failItems?: (entry: unknown) => boolean;
  /** How many calls fail; 1 by default, Infinity for all. */
  times?: number;
  /**
   * The call takes effect, then its answer is the error: what a timeout or
   * a 5xx after the write looks like to the caller.
   */
  afterEffect?: boolean;
  when?: (args: Args, method: string) => boolean;
}

export type { Caller, MethodHandler } from "./method_handler.ts";

/** Told of every answered call, e.g. so a runtime sees functions.complete*. */
export type CallListener = (call: RecordedCall) => void;

// Fields the SDK sends as JSON inside the form body.
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "metadata",
  "item",
  "items",
  "ids",
  "expression_attributes",
  "expression_values",
  "view",
  "outputs",
  "inputs",
  "event",
  "schedule",
  "webhook",
  "limit",
  "inclusive",
  "reply_broadcast",
  "unfurl_links",
  "unfurl_media",
  "files",
]);

export class FakeSlack {
  readonly workspace: FakeWorkspace;
  readonly datastores: FakeDatastores;
  readonly calls: RecordedCall[] = [];
  /** Triggers the app created at run time, by id. */
  readonly triggers = new Map<string, FakeTrigger>();
  /**
   * Tokens that external auth (e.g. the Atlassian OAuth provider) would hand
   * out, by the token id a workflow passes to the function.
   */
  readonly externalTokens = new Map<string, string>();
  /**
   * What a forced refresh (force_refresh: true) of a token id hands out
   * next; without an entry, a forced refresh gives the same token back.
   */
  readonly externalTokenRefreshes = new Map<string, string>();
  latencyMs: number;
  jitterMs: number;
  threadEventOrder: ThreadEventOrder;
  #scopes?: Set<string>;
  #failures: InjectedFailure[] = [];
  #rateLimits?: RateLimits;
  #server: Deno.HttpServer<Deno.NetAddr>;
  #methods: Map<string, MethodHandler>;
  #listeners: CallListener[] = [];
  #hooks: ((method: string, args: Args) => Promise<void> | void)[] = [];
  readonly #stale: StaleReads;
  readonly #faults: ReactionFaultsInjector;

  private constructor(
    options: FakeSlackOptions,
    datastores: FakeDatastores,
  ) {
    this.workspace = new FakeWorkspace(options.workspace);
    this.datastores = datastores;
    this.latencyMs = options.latencyMs ?? 0;
    this.jitterMs = options.jitterMs ?? 0;
    this.threadEventOrder = options.threadEventOrder ?? "reply_first";
    this.#scopes = options.scopes ? new Set(options.scopes) : undefined;
    this.#stale = new StaleReads(options.staleReads);
    this.#faults = new ReactionFaultsInjector(options.reactionFaults);
    this.#methods = new Map([
      ...messagingMethods(this.workspace),
      ...conversationMethods(this.workspace),
      ...fileMethods(this.workspace),
      ...datastoreMethods(datastores, this.#stale),
      ...triggerMethods(this.workspace, this.triggers),
      ["apps.auth.external.get", (args) => {
        const id = requireString(args, "external_token_id");
        const token = this.externalTokens.get(id);
        if (!token) throw new SlackError("token_not_found");
        const next = this.externalTokenRefreshes.get(id);
        if (args.force_refresh === true || args.force_refresh === "true") {
          if (next) {
            this.externalTokens.set(id, next);
            this.externalTokenRefreshes.delete(id);
            return { external_token: next };
          }
        }
        return { external_token: token };
      }],
    ]);
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (request) => this.#handle(request),
    );
    // Upload URLs and file downloads are served here too (files.slack.com).
    this.workspace.files.baseUrl =
      `http://127.0.0.1:${this.#server.addr.port}/`;
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const datastores = await FakeDatastores.start(options.datastores ?? []);
    return new FakeSlack(options, datastores);
  }

  /** What a function's env.SLACK_API_URL should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#server.addr.port}/api/`;
  }

  onCall(listener: CallListener) {
    this.#listeners.push(listener);
  }

  /**
   * Holds each call until `hook` (awaited with the call's method and args)
   * settles: to stage what happens between two of a run's calls.
   */
  beforeAnswer(hook: (method: string, args: Args) => Promise<void> | void) {
    this.#hooks.push(hook);
  }

  /** The stale-reads mode now (see stale_reads.ts); undefined when off. */
  get staleReads(): StaleReadsMode | undefined {
    return this.#stale.mode;
  }

  set staleReads(mode: StaleReadsMode | undefined) {
    this.#stale.mode = mode;
  }

  /** Every datastore read sees the newest version again (stale_reads.ts). */
  settleReads() {
    this.#stale.settle();
  }

  /** How many datastore reads answered an older version so far. */
  get staleAnswers(): number {
    return this.#stale.staleAnswers;
  }

  /** The reaction faults now (see reaction_faults.ts); undefined when off. */
  get reactionFaults(): ReactionFaults | undefined {
    return this.#faults.faults;
  }

  set reactionFaults(faults: ReactionFaults | undefined) {
    this.#faults.faults = faults;
  }

  /** The faults injected so far, by kind. */
  get injectedFaults(): Readonly<Record<string, number>> {
    return this.#faults.counts;
  }

  fail(failure: InjectedFailure) {
    this.#failures.push({ times: 1, ...failure });
  }

  /**
   * Limits each method to its tier's calls a minute (or `perMinute`), with
   * Slack's 429 and Retry-After beyond; `windowMs` shortens the minute.
   */
  limitRates(
    options: { perMinute?: Record<string, number>; windowMs?: number } = {},
  ) {
    this.#rateLimits = new RateLimits(
      options.perMinute ?? TIER_PER_MINUTE,
      options.windowMs,
    );
  }

  /** Drops the injected failures not used up yet. */
  clearFailures() {
    this.#failures.length = 0;
  }

  grantScopes(scopes: readonly string[]) {
    this.#scopes = new Set(scopes);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The triggers that start this workflow (by callback_id), by id. */
  triggersFor(callbackId: string): FakeTrigger[] {
    return [...this.triggers.values()]
      .filter((t) => t.workflow === `#/workflows/${callbackId}`)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The channels the event triggers of this workflow watch, sorted. */
  watchedChannels(callbackId: string): string[] {
    return this.triggersFor(callbackId)
      .flatMap((t) => (t.event as { channel_ids?: string[] }).channel_ids ?? [])
      .sort();
  }

  clearCalls() {
    this.calls.length = 0;
  }

  /**
   * The longest chain of calls in which each started only after the one
   * before it had answered: the number of sequential round trips.
   */
  sequentialRounds(calls: RecordedCall[] = this.calls): number {
    const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
    const depth: number[] = [];
    sorted.forEach((call, i) => {
      let best = 0;
      for (let j = 0; j < i; j++) {
        if (sorted[j].endedAt <= call.startedAt) {
          best = Math.max(best, depth[j]);
        }
      }
      depth.push(best + 1);
    });
    return Math.max(0, ...depth);
  }

  async close() {
    await this.#server.shutdown();
    await this.datastores.close();
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }

  async #handle(request: Request): Promise<Response> {
    const startedAt = performance.now();
    const url = new URL(request.url);
    if (!url.pathname.startsWith("/api/")) {
      const transfer = await fileTransfer(
        this.workspace,
        request,
        url.pathname,
        // files:read: "View files shared in channels and conversations that
        // your slack app has been added to" (docs.slack.dev/reference/
        // scopes/files.read); without it Slack is not assumed to hand out
        // the bytes.
        !this.#scopes || this.#scopes.has("files:read"),
      );
      if (transfer) return transfer;
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const token =
      request.headers.get("authorization")?.replace(/^Bearer /, "") ||
      undefined;
    const delay = this.latencyMs + Math.random() * this.jitterMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const { status, headers, body } = await this.#serve(
      method,
      token,
      startedAt,
      () => readArgs(request),
    );
    return new Response(JSON.stringify(body), { status, headers });
  }

  /**
   * Answers a call made in this process, as the Web API answers the same
   * form over HTTP (recorded, hooks, failures and all) but with no latency:
   * for fixtures that set a test up (harness.ts, fixtureClientFor).
   */
  async answerInProcess(
    method: string,
    form: URLSearchParams,
    token: string | undefined,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const { status, body } = await this.#serve(
      method,
      token,
      performance.now(),
      () => Promise.resolve(argsOf(form)),
    );
    return { status, body: JSON.parse(JSON.stringify(body)) };
  }

  async #serve(
    method: string,
    token: string | undefined,
    startedAt: number,
    read: () => Promise<Args>,
  ): Promise<{
    status: number;
    headers: Record<string, string>;
    body: Record<string, unknown>;
  }> {
    let args: Args = {};
    let status = 200;
    const headers: Record<string, string> = {
      "content-type": "application/json",
    };
    let body: Record<string, unknown>;
    try {
      args = await read();
      for (const hook of this.#hooks) await hook(method, args);
      body = await this.#answer(method, args, token);
    } catch (error) {
      if (!(error instanceof SlackError)) throw error;
      status = error.status;
      if (error.retryAfterSeconds !== undefined) {
        headers["retry-after"] = String(error.retryAfterSeconds);
      }
      body = { ok: false, error: error.code, ...error.extra };
    }
    // Slack names the token's scopes on every Web API answer
    // (api.slack.com/docs/oauth-scopes: the X-OAuth-Scopes header).
    if (this.#scopes) headers["x-oauth-scopes"] = [...this.#scopes].join(",");
    const call: RecordedCall = {
      method,
      token,
      args,
      startedAt,
      endedAt: performance.now(),
      status,
      response: body,
    };
    this.calls.push(call);
    for (const listener of this.#listeners) listener(call);
    return { status, headers, body };
  }

  async #answer(
    method: string,
    args: Args,
    token: string | undefined,
  ): Promise<Record<string, unknown>> {
    if (!token && !args.token) throw new SlackError("not_authed");
    // Uploads whose sharing time has come show before anything is read.
    this.workspace.files.settle();
    this.#rateLimits?.take(method);
    const failure: InjectedFailure | undefined =
      this.#takeFailure(method, args) ?? this.#faults.draw(method);
    if (failure?.answer) return { ok: true, ...failure.answer };
    if (failure?.failItems) return await this.#partly(method, args, failure);
    if (failure?.afterEffect) {
      const handler = this.#methods.get(method);
      if (handler) await handler(args, { token });
    }
    if (failure) {
      if (failure.status === 429) {
        throw new SlackError(
          "ratelimited",
          {},
          429,
          failure.retryAfterSeconds ?? 1,
        );
      }
      throw new SlackError(
        failure.error ?? "internal_error",
        failure.extra,
        failure.status ?? 200,
      );
    }
    const handler = this.#methods.get(method);
    if (!handler) throw new SlackError("unknown_method", {}, 404);
    this.#checkScopes(method);
    this.#checkFileInputScope(method, args);
    return { ok: true, ...await handler(args, { token }) };
  }

  /** Carries out a bulk call for some entries and fails the rest. */
  async #partly(
    method: string,
    args: Args,
    failure: InjectedFailure,
  ): Promise<never> {
    const field = method === "apps.datastore.bulkPut" ? "items" : "ids";
    const entries = args[field];
    if (!Array.isArray(entries)) {
      throw new Error(`failItems needs a bulk method, not ${method}`);
    }
    const failed = entries.filter((e) => failure.failItems!(e));
    const kept = entries.filter((e) => !failure.failItems!(e));
    let answer: Record<string, unknown> = {};
    if (kept.length) {
      answer = await this.#methods.get(method)!({ ...args, [field]: kept }, {});
    }
    throw new SlackError("partial_failure", {
      ...answer,
      errors: [{
        code: "partial_failure",
        message: "some items failed to be updated",
      }],
      failed_items: failed,
    });
  }

  /**
   * A view with a file_input needs files:read (docs.slack.dev, "File input
   * element": "your app must have the files:read scope"; SlackNet pull 215
   * found the same). Slack's answer without it is documented nowhere:
   * missing_scope is the fake's model, and only a real workspace can say.
   */
  #checkFileInputScope(method: string, args: Args) {
    if (!method.startsWith("views.")) return;
    const blocks = (args.view as { blocks?: unknown[] } | undefined)?.blocks;
    const fileInputs = (blocks ?? []).flatMap((b) => {
      const element =
        (b as { element?: { type?: string; max_files?: unknown } })
          ?.element;
      return element?.type === "file_input" ? [element] : [];
    });
    // max_files is 1 to 10 (docs.slack.dev, "File input element"); Slack
    // refuses a view it can't render with invalid_arguments.
    for (const input of fileInputs) {
      const max = input.max_files;
      if (
        max !== undefined &&
        !(Number.isInteger(max) && (max as number) >= 1 &&
          (max as number) <= 10)
      ) {
        throw new SlackError("invalid_arguments", {
          response_metadata: {
            messages: [
              "[ERROR] max_files must be between 1 and 10 [json-pointer:/view/blocks]",
            ],
          },
        });
      }
    }
    if (!this.#scopes || this.#scopes.has("files:read")) return;
    if (fileInputs.length === 0) return;
    throw new SlackError("missing_scope", {
      needed: "files:read",
      provided: [...this.#scopes].join(","),
    });
  }

  #checkScopes(method: string) {
    if (!this.#scopes) return;
    const needed = METHOD_SCOPES.get(method);
    if (!needed) {
      throw new Error(`method_scopes.ts does not list ${method}`);
    }
    if (needed.anyOf.length === 0) return;
    if (needed.anyOf.some((s) => this.#scopes!.has(s))) return;
    throw new SlackError("missing_scope", {
      needed: needed.anyOf.join(","),
      provided: [...this.#scopes].join(","),
    });
  }

  #takeFailure(method: string, args: Args): InjectedFailure | undefined {
    const i = this.#failures.findIndex((f) =>
      (f.method === method || f.method === "*") &&
      (!f.when || f.when(args, method))
    );
    if (i === -1) return undefined;
    const failure = this.#failures[i];
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.#failures.splice(i, 1);
    return failure;
  }
}

async function readArgs(request: Request): Promise<Args> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return await request.json();
  return argsOf(new URLSearchParams(await request.text()));
}

/** A form's fields, with those Slack takes as JSON parsed. */
function argsOf(form: URLSearchParams): Args {
  const args: Args = {};
  for (const [key, value] of form) {
    args[key] = JSON_FIELDS.has(key) ? parseJson(key, value) : value;
  }
  return args;
}

function parseJson(key: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackError("invalid_arguments", {
      response_metadata: { messages: [`${key} is not valid JSON`] },
    });
  }
}
