// A person with a list modal open (My tickets, Open tickets), driven the way
// Slack drives the function: the shortcut's run opens the modal, clicks in
// it arrive as block_actions with the view as it is now, and closing it ends
// the run.
import { functionContext } from "./harness.ts";
import {
  clickInView,
  closeView,
  viewClickContext,
  viewClosedContext,
} from "./interactivity_payloads.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import { elementsOf } from "./blocks_read.ts";

// deno-lint-ignore no-explicit-any
type Handler = any;

export class ModalSession {
  private constructor(
    private slack: FakeSlack,
    private fn: Handler,
    private callbackId: string,
    readonly user: string,
    readonly viewId: string,
    readonly executionId: string,
    /** What the shortcut's run answered (completed: false while open). */
    readonly started: Record<string, unknown>,
  ) {}

  /** Runs the shortcut as `user`; the modal it opened, if any. */
  static async start(
    slack: FakeSlack,
    fn: Handler,
    callbackId: string,
    user: string,
  ): Promise<ModalSession> {
    const before = slack.workspace.views.length;
    const context = functionContext(callbackId, slack, {
      interactivity: {
        interactivity_pointer: "1234.5678.pointer",
        interactor: { id: user, secret: "s" },
      },
    });
    const started = await fn(context);
    const view = slack.workspace.views.slice(before).at(-1);
    if (!view) throw new Error(`no modal: ${JSON.stringify(started)}`);
    return new ModalSession(
      slack,
      fn,
      callbackId,
      user,
      view.id,
      context.event.function_execution_id,
      started,
    );
  }

  /** The modal as the person sees it now. */
  get view(): Record<string, unknown> {
    return this.slack.workspace.views.find((v) => v.id === this.viewId)!.view;
  }

  /** Clicks a button or picks from a menu, as `as` (the opener by default). */
  async click(actionId: string, choice?: string, as = this.user) {
    const element = elementsOf(this.view as { blocks?: unknown[] }).find((e) =>
      e.action_id === actionId
    );
    if (!element && choice === undefined) {
      throw new Error(`no ${actionId} in the modal`);
    }
    return await this.clickWith({
      action_id: actionId,
      type: element?.type ?? "button",
      ...(element?.type === "static_select"
        ? { selected_option: { value: choice! } }
        : { value: choice ?? element?.value }),
    }, as);
  }

  /** A click with any payload at all: what a forged request could send. */
  clickWith(
    action: Parameters<typeof viewClickContext>[1]["action"],
    as = this.user,
  ) {
    return clickInView(
      this.fn,
      viewClickContext(this.slack, {
        functionCallbackId: this.callbackId,
        executionId: this.executionId,
        user: as,
        view: { id: this.viewId, ...this.view },
        action,
      }),
    );
  }

  async close() {
    const open = this.slack.workspace.views.find((v) => v.id === this.viewId);
    if (open) open.closed = true;
    await closeView(
      this.fn,
      viewClosedContext(this.slack, {
        callbackId: String(this.view.callback_id),
        functionCallbackId: this.callbackId,
        executionId: this.executionId,
        user: this.user,
      }),
    );
  }
}
