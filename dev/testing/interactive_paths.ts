// Every path a person clicks through, run on the local runtime (Slack's
// side: triggers, pointers, modals, the 3 s clock) against the fake Slack
// with a fixed latency on every call, and timed as Slack times it: a modal
// opens within 3 s of the click that gave its pointer, and a submission or
// a click in a modal is answered within 3 s. With `lockHeld`, another run
// holds the ticket's lock through the whole path, as a slow change would.
import { LocalRuntime } from "../local/runtime/local_runtime.ts";
import configureTrigger from "../../triggers/configure_helpdesk.ts";
import configureQueueTrigger from "../../triggers/configure_queue.ts";
import configureRequestTypeTrigger from "../../triggers/configure_request_type.ts";
import configureServiceLevelsTrigger from "../../triggers/configure_service_levels.ts";
import openTicketTrigger from "../../triggers/open_ticket.ts";
import myTicketsTrigger from "../../triggers/my_tickets.ts";
import openTicketsTrigger from "../../triggers/open_tickets.ts";
import { GENERAL, PEOPLE, startFakeSlack, TRIAGE } from "./harness.ts";
import { buttonOn, shownText } from "./blocks_read.ts";
import type { FakeSlack, RecordedCall } from "./fake_slack/server.ts";
import { BOT_USER_ID, type FakeMessage } from "./fake_slack/workspace.ts";
import { INTERACTIVE_DEADLINE_MS } from "./fake_slack/interactive_deadline.ts";
import { LOCK_REACTION, lockAnchor } from "../../slack/storage/ticket_lock.ts";
import { toTicket } from "../../slack/storage/ticket_items.ts";

export { INTERACTIVE_DEADLINE_MS };

const PEOPLE_CHANNEL = "CPEOPLETEAM";

export interface PathTiming {
  path: string;
  /** From the click to views.open's answer, in ms (a modal's paths). */
  openMs?: number;
  /** The slowest answer to a submission or a click in a modal, in ms. */
  answerMs?: number;
  /** A click that opens no modal: from the click to the run's end, in ms. */
  runMs?: number;
  /** views.open refused (expired_trigger_id) or an answer Slack dropped. */
  missed: string[];
  /** Answered "Working on it…" in time; then what the modal showed. */
  working?: boolean;
  outcome?: string;
}

type Trigger = Parameters<LocalRuntime["fire"]>[0];

export class InteractivePaths {
  readonly timings: PathTiming[] = [];
  #tickets = 0;

  private constructor(
    readonly slack: FakeSlack,
    readonly runtime: LocalRuntime,
    readonly latencyMs: number,
    readonly lockHeld: boolean,
    readonly holderDied: boolean,
  ) {}

  /**
   * `holderDied`: the lock is held by a run that died 10 s before (its
   * record says "held", and nobody takes the reaction back).
   */
  static async start(
    options: { latencyMs: number; lockHeld: boolean; holderDied?: boolean },
  ): Promise<InteractivePaths> {
    const slack = await startFakeSlack();
    slack.workspace.channels.set(PEOPLE_CHANNEL, {
      id: PEOPLE_CHANNEL,
      name: "people-team",
      is_private: false,
      members: new Set([PEOPLE.admin, PEOPLE.agent]),
    });
    const paths = new InteractivePaths(
      slack,
      new LocalRuntime(slack),
      options.latencyMs,
      options.lockHeld,
      options.holderDied ?? false,
    );
    await paths.#setUp();
    return paths;
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
    const card = await this.#newTicket();
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
    const card = await this.#newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await this.#opening(
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
        await this.#submit(timing, viewId, PEOPLE.agent, answers);
      }
      await this.#closeAll();
      await run?.done;
    }, path);
  }

  /** The approver's DM: Approve (a click) or Deny… (a form). */
  async approval(path: "Approve" | "Deny…") {
    this.slack.latencyMs = 0;
    const dm = await this.#requestForApproval();
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
      const { run, viewId } = await this.#opening(
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
        await this.#submit(timing, viewId, PEOPLE.admin, {
          reason: "Not this year",
        });
      }
      await this.#closeAll();
      await run?.done;
    }, path);
  }

  async myTickets() {
    const card = await this.#newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await this.#opening(
        timing,
        () =>
          this.runtime.fire(myTicketsTrigger, {
            user_id: PEOPLE.requester,
            channel_id: GENERAL,
          }),
        "My tickets",
      );
      if (viewId) {
        await this.#click(
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
    const card = await this.#newTicket();
    await this.#withLock(card, async (timing) => {
      const { run, viewId } = await this.#opening(
        timing,
        () =>
          this.runtime.fire(openTicketsTrigger, {
            user_id: PEOPLE.agent,
            channel_id: TRIAGE,
          }),
        "Open tickets",
      );
      if (viewId) {
        await this.#click(
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
    await this.#form("Configure Helpdesk", configureTrigger, PEOPLE.admin, [{
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent],
      intake_emoji: "ticket",
      admins: [PEOPLE.admin],
    }]);
    await this.#form("Configure a queue", configureQueueTrigger, PEOPLE.admin, [
      { queue: "people-team" },
      {
        name: "People team",
        triage_channel: PEOPLE_CHANNEL,
        intake_channels: [GENERAL],
        owner: PEOPLE.admin,
        member_people: [PEOPLE.agent],
        role_rules: "superusers: ${owner}",
      },
    ]);
    await this.#form(
      "Configure a request type",
      configureRequestTypeTrigger,
      PEOPLE.admin,
      [{ request_type: "people-team/new-laptop" }, {
        name: "New laptop",
        fields: "Model*: select(Air, Pro)",
        needs_approval: true,
      }],
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
    const { run, viewId } = await this.#opening(
      timing,
      () => this.runtime.fire(trigger, { user_id: user, channel_id: GENERAL }),
    );
    for (const answers of viewId ? steps : []) {
      const open = this.runtime.openViews(user).find((v) => v.id === viewId);
      if (!open) break;
      await this.#submit(timing, viewId!, user, answers);
    }
    await this.#closeAll();
    await run?.done;
    this.slack.latencyMs = 0;
    this.timings.push(timing);
  }

  /** Starts something that opens a modal; times views.open from the start. */
  async #opening(
    timing: PathTiming,
    start: () => unknown,
    title?: string,
  ): Promise<{ run?: { done: Promise<unknown> }; viewId?: string }> {
    const before = this.slack.callsTo("views.open").length;
    const started = performance.now();
    const run = await start() as { done: Promise<unknown> } | undefined;
    let opened: RecordedCall | undefined;
    for (let i = 0; i < 2000 && !opened; i++) {
      opened = this.slack.callsTo("views.open").slice(before).find((c) =>
        !title ||
        !c.response.ok ||
        ((c.args.view as { title?: { text?: string } }).title?.text ===
            title &&
          !JSON.stringify(c.args.view).includes("Reading the tickets"))
      );
      if (!opened) {
        // A list modal opens on "Reading the tickets…", then is updated.
        const updated = title &&
          this.slack.callsTo("views.update").find((c) =>
            (c.args.view as { title?: { text?: string } }).title?.text ===
              title && c.startedAt >= started
          );
        if (updated) opened = updated;
      }
      if (!opened) await new Promise((r) => setTimeout(r, 5));
    }
    if (!opened) {
      timing.missed.push("no modal opened");
      return { run };
    }
    timing.openMs = Math.round(opened.endedAt - started);
    if (!opened.response.ok) {
      timing.missed.push(`views.open: ${opened.response.error}`);
      return { run };
    }
    const id = opened.method === "views.open"
      ? (opened.response.view as { id: string }).id
      : String(opened.args.view_id);
    return { run, viewId: id };
  }

  async #submit(
    timing: PathTiming,
    viewId: string,
    user: string,
    answers: Record<string, unknown>,
  ) {
    const before = this.runtime.host.answers.length;
    const errors = await this.runtime.submitView(viewId, user, answers);
    this.#answered(timing, before);
    if (errors) timing.missed.push(...Object.values(errors).slice(0, 1));
    // Answered in time with "Working on it…": the outcome follows there.
    for (let i = 0; i < 4000 && this.#working(viewId); i++) {
      timing.working = true;
      await new Promise((r) => setTimeout(r, 5));
    }
    if (timing.working) {
      const outcome = this.runtime.openViews().find((v) => v.id === viewId);
      timing.outcome = outcome ? shownText(outcome.view) : "closed";
    }
  }

  #working(viewId: string): boolean {
    const open = this.runtime.openViews().find((v) => v.id === viewId);
    return open !== undefined &&
      shownText(open.view).includes("Working on it");
  }

  async #click(
    timing: PathTiming,
    viewId: string,
    actionId: string,
    user: string,
    value?: string,
  ) {
    const before = this.runtime.host.answers.length;
    await this.runtime.clickInView(viewId, actionId, user, value);
    this.#answered(timing, before);
  }

  #answered(timing: PathTiming, before: number) {
    for (const answer of this.runtime.host.answers.slice(before)) {
      timing.answerMs = Math.max(timing.answerMs ?? 0, answer.ms);
      if (answer.late) {
        timing.missed.push(`${answer.type} answered after ${answer.ms} ms`);
      }
    }
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
    const ws = this.slack.workspace;
    if (this.lockHeld) {
      await this.#holdLock(card);
    }
    this.slack.latencyMs = this.latencyMs;
    try {
      await path(timing);
    } finally {
      this.slack.latencyMs = 0;
      await this.#closeAll();
      if (this.lockHeld) {
        const message = ws.findMessage(card.channel, card.ts);
        const mark = message?.reactions?.find((r) => r.name === LOCK_REACTION);
        if (mark) {
          mark.users = mark.users.filter((u) => u !== BOT_USER_ID);
          message!.reactions = message!.reactions!.filter((r) =>
            r.users.length > 0
          );
        }
      }
    }
    this.timings.push(timing);
  }

  /** Another run's lock on the ticket of this card (or approval DM). */
  async #holdLock(at: { channel: string; ts: string }) {
    const tickets = (await this.slack.datastores.dump()).tickets ?? [];
    const ticket = tickets.map((item) => toTicket(item as never)).find((t) => {
      const anchor = lockAnchor(t);
      return anchor?.channel === at.channel && anchor.ts === at.ts;
    });
    if (!ticket) throw new Error("no ticket is locked on that message");
    this.slack.workspace.react(at.channel, at.ts, LOCK_REACTION, BOT_USER_ID);
    const now = Math.floor(Date.now() / 1000);
    await this.slack.datastores.put(
      "locks",
      this.holderDied
        ? {
          id: `ticket:${ticket.id}`,
          state: "held",
          taken_at: now - 10,
          holder: "a run that died 10 s ago",
        }
        : { id: `ticket:${ticket.id}`, taken_at: now, holder: "another run" },
    );
  }

  async #setUp() {
    const fill = async (
      trigger: Trigger,
      user: string,
      ...steps: Record<string, unknown>[]
    ) => {
      const run = this.runtime.fire(trigger, {
        user_id: user,
        channel_id: GENERAL,
      });
      for (const answers of steps) {
        const form = await this.#untilView(user);
        const errors = await this.runtime.submitView(form.id, user, answers);
        if (errors) throw new Error(JSON.stringify(errors));
      }
      const done = await run.done as { ok: boolean };
      if (!done.ok) throw new Error(JSON.stringify(done));
    };
    await fill(configureTrigger, PEOPLE.admin, {
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent],
      intake_emoji: "ticket",
      admins: [PEOPLE.admin],
    });
    await fill(configureQueueTrigger, PEOPLE.admin, { queue: "new" }, {
      name: "People team",
      triage_channel: PEOPLE_CHANNEL,
      intake_channels: [GENERAL],
      owner: PEOPLE.admin,
      member_people: [PEOPLE.agent],
      role_rules: "superusers: ${owner}",
    });
    await fill(configureRequestTypeTrigger, PEOPLE.admin, {
      request_type: "new:people-team",
    }, {
      name: "New laptop",
      fields: "Model*: select(Air, Pro)",
      needs_approval: true,
    });
  }

  /** Forms left open (a step refused) are closed, ending their runs. */
  async #closeAll() {
    for (const open of this.runtime.openViews()) {
      const user = open.user ??
        this.runtime.openViews().find((v) => v.id === open.id)?.user;
      await this.runtime.closeView(open.id, user ?? PEOPLE.agent);
    }
  }

  async #untilView(user: string) {
    for (let i = 0; i < 2000; i++) {
      const view = this.runtime.openViews(user).at(-1);
      if (view) return view;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no modal for ${user}`);
  }

  /** A new ticket in the default queue, opened without latency. */
  async #newTicket(): Promise<FakeMessage> {
    this.slack.latencyMs = 0;
    this.#tickets += 1;
    const summary = `Badge reader ${this.#tickets} is dead`;
    const run = this.runtime.fire(openTicketTrigger, {
      user_id: PEOPLE.requester,
      channel_id: GENERAL,
    });
    let form = await this.#untilView(PEOPLE.requester);
    if (JSON.stringify(form.view).includes("request_type")) {
      await this.runtime.submitView(form.id, PEOPLE.requester, {
        request_type: "general",
      });
      form = await this.#untilView(PEOPLE.requester);
    }
    await this.runtime.submitView(form.id, PEOPLE.requester, {
      summary,
      priority: "normal",
    });
    await run.done;
    const card = this.slack.workspace.messagesIn(TRIAGE).find((m) =>
      m.text.includes(summary)
    );
    if (!card) throw new Error(`no card for ${summary}`);
    return card;
  }

  /** A request waiting for approval; the approver's DM. */
  async #requestForApproval(): Promise<FakeMessage> {
    this.#tickets += 1;
    const run = this.runtime.fire(openTicketTrigger, {
      user_id: PEOPLE.requester,
      channel_id: GENERAL,
    });
    const choose = await this.#untilView(PEOPLE.requester);
    await this.runtime.submitView(choose.id, PEOPLE.requester, {
      request_type: "people-team/new-laptop",
    });
    const details = await this.#untilView(PEOPLE.requester);
    await this.runtime.submitView(details.id, PEOPLE.requester, {
      summary: `Laptop ${this.#tickets}`,
      priority: "normal",
      field_model: "Pro",
    });
    await run.done;
    const dm = this.slack.workspace.dmsTo(PEOPLE.admin).findLast((m) =>
      m.text.includes(`Laptop ${this.#tickets}`)
    );
    if (!dm) throw new Error("no approval DM");
    return dm;
  }
}

/** The slowest of a path's times, for the deadline. */
export function slowestMs(timing: PathTiming): number {
  return Math.max(timing.openMs ?? 0, timing.answerMs ?? 0);
}
