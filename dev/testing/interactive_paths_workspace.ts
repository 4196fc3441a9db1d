// The workspace the interactive paths are clicked through: the fake Slack
// with a People team channel, the local runtime running the app, Helpdesk
// configured with a People team queue and a laptop request type that needs
// approval, and the tickets each path clicks on, made without latency. Kept
// apart from the paths (interactive_paths.ts): this arranges what a path
// needs, untimed; the paths are what is timed.
import { LocalRuntime } from "../local/runtime/local_runtime.ts";
import configureTrigger from "../../triggers/configure_helpdesk.ts";
import configureQueueTrigger from "../../triggers/configure_queue.ts";
import configureRequestTypeTrigger from "../../triggers/configure_request_type.ts";
import openTicketTrigger from "../../triggers/open_ticket.ts";
import { GENERAL, PEOPLE, startFakeSlack, TRIAGE } from "./harness.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { FakeMessage } from "./fake_slack/workspace.ts";

export const PEOPLE_CHANNEL = "CPEOPLETEAM";

export type Trigger = Parameters<LocalRuntime["fire"]>[0];

/** What Configure Helpdesk is saved with. */
export const HELPDESK_SETTINGS = {
  triage_channel: TRIAGE,
  agent_users: [PEOPLE.agent],
  intake_emoji: "ticket",
  admins: [PEOPLE.admin],
};

/** The People team queue's form, as set up. */
export const PEOPLE_TEAM_QUEUE = {
  name: "People team",
  triage_channel: PEOPLE_CHANNEL,
  intake_channels: [GENERAL],
  owner: PEOPLE.admin,
  member_people: [PEOPLE.agent],
  role_rules: "superusers: ${owner}",
};

/** The People team's laptop request type, which needs approval. */
export const LAPTOP_REQUEST_TYPE = {
  name: "New laptop",
  fields: "Model*: select(Air, Pro)",
  needs_approval: true,
};

export class PathsWorkspace {
  #tickets = 0;

  private constructor(
    readonly slack: FakeSlack,
    readonly runtime: LocalRuntime,
  ) {}

  /** Started and configured, with no latency set yet. */
  static async start(): Promise<PathsWorkspace> {
    const slack = await startFakeSlack();
    slack.workspace.channels.set(PEOPLE_CHANNEL, {
      id: PEOPLE_CHANNEL,
      name: "people-team",
      is_private: false,
      members: new Set([PEOPLE.admin, PEOPLE.agent]),
    });
    const workspace = new PathsWorkspace(slack, new LocalRuntime(slack));
    await workspace.#setUp();
    return workspace;
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
        const form = await this.untilView(user);
        const errors = await this.runtime.submitView(form.id, user, answers);
        if (errors) throw new Error(JSON.stringify(errors));
      }
      const done = await run.done as { ok: boolean };
      if (!done.ok) throw new Error(JSON.stringify(done));
    };
    await fill(configureTrigger, PEOPLE.admin, HELPDESK_SETTINGS);
    await fill(
      configureQueueTrigger,
      PEOPLE.admin,
      { queue: "new" },
      PEOPLE_TEAM_QUEUE,
    );
    await fill(configureRequestTypeTrigger, PEOPLE.admin, {
      request_type: "new:people-team",
    }, LAPTOP_REQUEST_TYPE);
  }

  /** Forms left open (a step refused) are closed, ending their runs. */
  async closeAllViews() {
    for (const open of this.runtime.openViews()) {
      const user = open.user ??
        this.runtime.openViews().find((v) => v.id === open.id)?.user;
      await this.runtime.closeView(open.id, user ?? PEOPLE.agent);
    }
  }

  async untilView(user: string) {
    for (let i = 0; i < 2000; i++) {
      const view = this.runtime.openViews(user).at(-1);
      if (view) return view;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no modal for ${user}`);
  }

  /** A new ticket in the default queue, opened without latency. */
  async newTicket(): Promise<FakeMessage> {
    this.slack.latencyMs = 0;
    this.#tickets += 1;
    const summary = `Badge reader ${this.#tickets} is dead`;
    const run = this.runtime.fire(openTicketTrigger, {
      user_id: PEOPLE.requester,
      channel_id: GENERAL,
    });
    let form = await this.untilView(PEOPLE.requester);
    if (JSON.stringify(form.view).includes("request_type")) {
      await this.runtime.submitView(form.id, PEOPLE.requester, {
        request_type: "general",
      });
      form = await this.untilView(PEOPLE.requester);
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
  async requestForApproval(): Promise<FakeMessage> {
    this.#tickets += 1;
    const run = this.runtime.fire(openTicketTrigger, {
      user_id: PEOPLE.requester,
      channel_id: GENERAL,
    });
    const choose = await this.untilView(PEOPLE.requester);
    await this.runtime.submitView(choose.id, PEOPLE.requester, {
      request_type: "people-team/new-laptop",
    });
    const details = await this.untilView(PEOPLE.requester);
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
