// Modals in the local workspace: Slack's OpenForm shown as a modal, and
// submissions and closes routed to the function execution that opened the
// view. Interactivity pointers are remembered with the person they were
// given to, so each modal shows only to the person whose click opened it.
import type { FakeSlack } from "../../testing/fake_slack/server.ts";
import { type Execution, type FunctionHost, LATE } from "./function_host.ts";
import {
  LATE_ANSWER_ERROR,
  MODAL_ERROR_KEY,
} from "../../testing/fake_slack/interactive_deadline.ts";
import {
  formFields,
  type FormInputs,
  formView,
  stateFor,
} from "./open_form.ts";

export class Modals {
  readonly #pointers = new Map<string, string>();

  constructor(private slack: FakeSlack, private host: FunctionHost) {}

  openForm(form: FormInputs): Execution {
    const execution = this.host.open(
      "open_form",
      form as unknown as Record<string, unknown>,
    );
    const { usergroups, usergroupHandles } = this.slack.workspace;
    const view = formView(
      form,
      [...usergroups.keys()].map((id) => ({
        id,
        handle: usergroupHandles.get(id),
      })),
    );
    const pointer =
      (form as { interactivity?: { interactivity_pointer?: string } })
        .interactivity?.interactivity_pointer;
    this.slack.workspace.views.push({
      id: this.slack.workspace.nextId("V"),
      view: { ...view, private_metadata: execution.id },
      opened_by_token: execution.token,
      user: pointer ? this.#pointers.get(pointer) : undefined,
    });
    return execution;
  }

  /** Open modals, newest last; only `user`'s when given. */
  openFor(user?: string) {
    return this.slack.workspace.views.filter((v) =>
      !v.closed && (user === undefined || this.#viewOwner(v) === user)
    );
  }

  #viewOwner(view: { user?: string; opened_by_pointer?: string }) {
    return view.user ??
      (view.opened_by_pointer
        ? this.#pointers.get(view.opened_by_pointer)
        : undefined);
  }

  /** A new interactivity pointer for `user`, remembered as theirs. */
  interactivity(user: string) {
    // Slack's clock starts now: views.open with it works for 3 s.
    const pointer = this.slack.workspace.pointers.issue(
      `local-pointer-${crypto.randomUUID()}`,
    );
    this.#pointers.set(pointer, user);
    return {
      interactivity_pointer: pointer,
      interactor: { id: user, secret: "local" },
    };
  }

  /**
   * Submits a modal as `user`, with answers by block id. Returns the errors
   * the handler put under fields, if it refused the submission.
   */
  async submit(
    viewId: string,
    user: string,
    answers: Record<string, unknown>,
  ): Promise<Record<string, string> | undefined> {
    const open = this.#view(viewId);
    const execution = this.#execution(open);
    // Slack's client refuses to send a modal with a required field empty.
    const missing = this.#missingRequired(open.view, answers);
    if (missing) return missing;
    const state = stateFor(open.view, answers);
    const view = { id: viewId, ...open.view, state: { values: state } };
    if (execution.callbackId === "open_form") {
      open.closed = true;
      execution.complete({
        ok: true,
        outputs: {
          fields: formFields(execution.inputs as unknown as FormInputs, state),
          submit_user: user,
          interactivity: this.interactivity(user),
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
    // Too late: Slack dropped the answer and shows its own error; the modal
    // stays as it was, whatever the answer said.
    if (answer === LATE) return { [MODAL_ERROR_KEY]: LATE_ANSWER_ERROR };
    if (answer?.response_action === "errors") {
      return answer.errors as Record<string, string>;
    }
    // The next step of a multi-step modal replaces it in place.
    if (answer?.response_action === "update") {
      open.view = answer.view as Record<string, unknown>;
      return undefined;
    }
    open.closed = true;
    return undefined;
  }

  /**
   * A click on a button or menu in a modal: block_actions for the execution
   * that opened it, as Slack routes it, with the view as it is now.
   */
  async click(
    viewId: string,
    actionId: string,
    user: string,
    value?: string,
    /** The block the click was in, as Slack names it: rows share ids. */
    blockId?: string,
  ) {
    const open = this.#view(viewId);
    const execution = this.#execution(open);
    const found = ((open.view.blocks ?? []) as Array<Record<string, unknown>>)
      .flatMap((block) => {
        const elements = (block.elements ??
          (block.accessory ? [block.accessory] : [])) as Array<
            Record<string, unknown>
          >;
        return elements.map((element) => ({ block, element }));
      })
      .find(({ block, element }) =>
        element.action_id === actionId &&
        (blockId === undefined || block.block_id === blockId)
      );
    if (!found) throw new Error(`no element ${actionId} in that modal`);
    const { block, element } = found;
    const choice = value === undefined
      ? { value: element.value }
      : element.type === "button"
      ? { value }
      : { selected_option: { value } };
    await this.host.viewAction(
      execution,
      {
        type: element.type,
        action_id: actionId,
        block_id: block.block_id,
        action_ts: String(Date.now() / 1000),
        ...choice,
      },
      { id: viewId, ...open.view },
      user,
    );
  }

  async close(viewId: string, user: string) {
    const open = this.#view(viewId);
    open.closed = true;
    const execution = this.host.byToken(open.opened_by_token);
    if (!execution) return; // its run ended: closing is all there is to do
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

  /** The execution a view answers to; a view without one is closed. */
  #execution(open: { opened_by_token?: string; closed?: boolean }) {
    const execution = this.host.byToken(open.opened_by_token);
    if (!execution) {
      open.closed = true;
      throw new Error(
        "This form's run has ended (the local workspace restarted): open it again.",
      );
    }
    return execution;
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
}
