// Every path a person clicks through, run on the local runtime (Slack's
// side: triggers, pointers, modals, the 3 s clock) against the fake Slack
// with a fixed latency on every call, and timed as Slack times it: a modal
// opens within 3 s of the click that gave its pointer, and a submission or
// a click in a modal is answered within 3 s. With `lockHeld`, another run
// holds the ticket's lock through the whole path, as a slow change would.
//
// The paths are here; the workspace they run in and the tickets they click
// on are arranged by interactive_paths_workspace.ts, their times taken as
// Slack takes them by interactive_path_timing.ts, and another run's lock by
// interactive_path_lock.ts.
import configureTrigger from "../../triggers/configure_helpdesk.ts";
import configureQueueTrigger from "../../triggers/configure_queue.ts";
import configureRequestTypeTrigger from "../../triggers/configure_request_type.ts";
import configureServiceLevelsTrigger from "../../triggers/configure_service_levels.ts";
import openTicketTrigger from "../../triggers/open_ticket.ts";
import myTicketsTrigger from "../../triggers/my_tickets.ts";
import openTicketsTrigger from "../../triggers/open_tickets.ts";
import { GENERAL, PEOPLE, TRIAGE } from "./harness.ts";
import { buttonOn } from "./blocks_read.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { LocalRuntime } from "../local/runtime/local_runtime.ts";
import { INTERACTIVE_DEADLINE_MS } from "./fake_slack/interactive_deadline.ts";
import {
  HELPDESK_SETTINGS,
  LAPTOP_REQUEST_TYPE,
  PathsWorkspace,
  PEOPLE_TEAM_QUEUE,
  type Trigger,
} from "./interactive_paths_workspace.ts";
import {
  type PathTiming,
  timeModalOpening,
  timeSubmission,
  timeViewClick,
} from "./interactive_path_timing.ts";
import { holdTicketLock, takeBackLockMark } from "./interactive_path_lock.ts";

export { INTERACTIVE_DEADLINE_MS };

export class InteractivePaths {
  readonly timings: PathTiming[] = [];
  readonly slack: FakeSlack;
  readonly runtime: LocalRuntime;
  readonly #workspace: PathsWorkspace;

  private constructor(
    workspace: PathsWorkspace,
    readonly latencyMs: number,
    readonly lockHeld: boolean,
    readonly holderDied: boolean,
  ) {
    this.#workspace = workspace;
    this.slack = workspace.slack;
    this.runtime = workspace.runtime;
  }

  /**
   * `holderDied`: the lock is held by a run that died 10 s before (its
   * record says "held", and nobody takes the reaction back).
   */
  static async start(
    options: { latencyMs: number; lockHeld: boolean; holderDied?: boolean },
  ): Promise<InteractivePaths> {
    return new InteractivePaths(
      await PathsWorkspace.start(),
      options.latencyMs,
      options.lockHeld,
      options.holderDied ?? false,
    );
  }

  async close() {
    await this.slack.close();
  }

  /** Each path once, in an order that leaves every path something to do. */
  async measureAll(): Promise<PathTiming[]> {
    await this.claim();
    await this.ticketForm("Assign…", "Assign to…", { assignee: PEOPLE.agent });
    await this.ticketForm("Edit…", "Edit…", {
      summary: "Badge reader is dead",
      priority: "urgent",
    });
    await this.ticketForm("Move…", "Move…", { target_queue: "people-team" });
    await this.ticketForm("Reply…", "Reply to requester", {
      message: "Which door?",
    });
    await this.ticketForm("Note…", "Note", { message: "Vendor called" });
    await this.approval("Approve");
    await this.approval("Deny…");
    await this.myTickets();
    await this.openTickets();
    await this.settings();
    await this.openATicket();
    return this.timings;
  }

  async claim() {
    const card = await this.#workspace.newTicket();
    await this.#withLock(card, async (timing) => {
      const started = performance.now();
      const run = await this.runtime.clickButton(
        card.channel,
        card.ts,
        buttonOn(card, "Claim"),
        PEOPLE.agent,
      );
      await run!.done;
      timing.runMs = Math.round(performance.now() - started);
    }, "Claim");
  }

  /** A card's button that opens a form, then the form submitted. */
  async ticketForm(
    path: string,
    label: string,
    answers: Record<string, unknown>,
  ) {
    const card = await this.#workspace.newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await timeModalOpening(
        this.slack,
        timing,
        () =>
          this.runtime.clickButton(
            card.channel,
            card.ts,
            buttonOn(card, label),
            PEOPLE.agent,
          ),
      );
      if (viewId) {
        await timeSubmission(
          this.runtime,
          timing,
          viewId,
          PEOPLE.agent,
          answers,
        );
      }
      await this.#workspace.closeAllViews();
      await run?.done;
    }, path);
  }

  /** The approver's DM: Approve (a click) or Deny… (a form). */
  async approval(path: "Approve" | "Deny…") {
    this.slack.latencyMs = 0;
    const dm = await this.#workspace.requestForApproval();
    const anchor = { channel: dm.channel, ts: dm.ts };
    this.slack.latencyMs = this.latencyMs;
    await this.#withLock(anchor, async (timing) => {
      if (path === "Approve") {
        const started = performance.now();
        const run = await this.runtime.clickButton(
          dm.channel,
          dm.ts,
          "request_approve",
          PEOPLE.admin,
        );
        await run!.done;
        timing.runMs = Math.round(performance.now() - started);
        return;
      }
      const { run, viewId } = await timeModalOpening(
        this.slack,
        timing,
        () =>
          this.runtime.clickButton(
            dm.channel,
            dm.ts,
            "request_deny",
            PEOPLE.admin,
          ),
      );
      if (viewId) {
        await timeSubmission(this.runtime, timing, viewId, PEOPLE.admin, {
          reason: "Not this year",
        });
      }
      await this.#workspace.closeAllViews();
      await run?.done;
    }, path);
  }

  async myTickets() {
    const card = await this.#workspace.newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await timeModalOpening(
        this.slack,
        timing,
        () =>
          this.runtime.fire(myTicketsTrigger, {
            user_id: PEOPLE.requester,
            channel_id: GENERAL,
          }),
        "My tickets",
      );
      if (viewId) {
        await timeViewClick(
          this.runtime,
          timing,
          viewId,
          "my_tickets_withdraw",
          PEOPLE.requester,
        );
        const open = this.runtime.openViews(PEOPLE.requester).at(-1);
        if (open) await this.runtime.closeView(open.id, PEOPLE.requester);
      }
      await run?.done;
    }, "My tickets, Withdraw");
  }

  async openTickets() {
    const card = await this.#workspace.newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await timeModalOpening(
        this.slack,
        timing,
        () =>
          this.runtime.fire(openTicketsTrigger, {
            user_id: PEOPLE.agent,
            channel_id: TRIAGE,
          }),
        "Open tickets",
      );
      if (viewId) {
        await timeViewClick(
          this.runtime,
          timing,
          viewId,
          "open_tickets_order",
          PEOPLE.agent,
          "unassigned",
        );
        const open = this.runtime.openViews(PEOPLE.agent).at(-1);
        if (open) await this.runtime.closeView(open.id, PEOPLE.agent);
      }
      await run?.done;
    }, "Open tickets, order");
  }

  /** The four settings forms, opened and saved unchanged or as set up. */
  async settings() {
    await this.#form("Configure Helpdesk", configureTrigger, PEOPLE.admin, [
      HELPDESK_SETTINGS,
    ]);
    await this.#form("Configure a queue", configureQueueTrigger, PEOPLE.admin, [
      { queue: "people-team" },
      PEOPLE_TEAM_QUEUE,
    ]);
    await this.#form(
      "Configure a request type",
      configureRequestTypeTrigger,
      PEOPLE.admin,
      [{ request_type: "people-team/new-laptop" }, LAPTOP_REQUEST_TYPE],
    );
    await this.#form(
      "Configure service levels",
      configureServiceLevelsTrigger,
      PEOPLE.admin,
      [{
        targets: "urgent 30m/4h\nhigh 1h/1d\nnormal 4h/3d\nlow 1d/5d",
        time_zone: "Europe/Paris",
        warn_percent: "75",
        auto_close_days: "7",
        reopen_days: "14",
        owner: PEOPLE.admin,
      }],
    );
  }

  async openATicket() {
    await this.#form("Open a ticket", openTicketTrigger, PEOPLE.requester, [
      { request_type: "general" },
      { summary: "Wifi is slow", priority: "normal" },
    ]);
  }

  async #form(
    path: string,
    trigger: Trigger,
    user: string,
    steps: Record<string, unknown>[],
  ) {
    const timing: PathTiming = { path, missed: [] };
    this.slack.latencyMs = this.latencyMs;
    const { run, viewId } = await timeModalOpening(
      this.slack,
      timing,
      () => this.runtime.fire(trigger, { user_id: user, channel_id: GENERAL }),
    );
    for (const answers of viewId ? steps : []) {
      const open = this.runtime.openViews(user).find((v) => v.id === viewId);
      if (!open) break;
      await timeSubmission(this.runtime, timing, viewId!, user, answers);
    }
    await this.#workspace.closeAllViews();
    await run?.done;
    this.slack.latencyMs = 0;
    this.timings.push(timing);
  }

  /**
   * Runs a path at the set latency, with the ticket's lock held by another
   * run when asked (taken just before, as a live run would, and let go
   * after the path).
   */
  async #withLock(
    card: { channel: string; ts: string },
    path: (timing: PathTiming) => Promise<void>,
    name: string,
  ) {
    const timing: PathTiming = { path: name, missed: [] };
    if (this.lockHeld) {
      await holdTicketLock(this.slack, card, this.holderDied);
    }
    this.slack.latencyMs = this.latencyMs;
    try {
      await path(timing);
    } finally {
      this.slack.latencyMs = 0;
      await this.#workspace.closeAllViews();
      if (this.lockHeld) takeBackLockMark(this.slack, card);
    }
    this.timings.push(timing);
  }
}
