// What function tests share: a fake Slack for the app's own manifest (its
// datastores and its bot scopes), a seeded workspace, and helpers to run
// handlers the way Slack's runtime does.
import { SlackAPI, SlackFunctionTester } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import manifest from "../../manifest.ts";
import { FakeSlack, type FakeSlackOptions } from "./fake_slack/server.ts";
import type { DatastoreSchema } from "./fake_slack/datastores.ts";
import type { WorkspaceSeed } from "./fake_slack/workspace.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import { CONSISTENT_READS_TOKEN } from "./fake_slack/stale_reads.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import {
  putTicket,
  type TicketItem,
  toTicket,
} from "../../slack/storage/ticket_store.ts";
import { CARD_EVENT_TYPE } from "../../slack/workspace/triage_card.ts";

export const PEOPLE = {
  requester: "UREQUESTER",
  agent: "UAGENTONE",
  otherAgent: "UAGENTTWO",
  groupAgent: "UGROUPAGENT",
  bystander: "UBYSTANDER",
  admin: "UADMIN",
} as const;

export const TRIAGE = "CTRIAGE";
export const GENERAL = "CGENERAL";
export const PRIVATE_TRIAGE = "GPRIVATE";
export const AGENT_GROUP = "SAGENTS";
export const ACTION_TRIGGER_URL =
  "https://slack.com/shortcuts/Ft0TICKETACTION/0123456789abcdef";

export function seed(): WorkspaceSeed {
  const everyone = Object.values(PEOPLE);
  return {
    users: everyone.map((id) => ({ id, name: id.toLowerCase() })),
    channels: [
      {
        id: TRIAGE,
        name: "helpdesk-triage",
        is_private: false,
        members: [...everyone, BOT_USER_ID],
      },
      { id: GENERAL, name: "general", is_private: false, members: everyone },
      {
        id: PRIVATE_TRIAGE,
        name: "it-private",
        is_private: true,
        members: [PEOPLE.agent],
      },
    ],
    usergroups: { [AGENT_GROUP]: [PEOPLE.groupAgent] },
  };
}

type ManifestJson = {
  datastores?: Record<
    string,
    { primary_key: string; attributes: Record<string, unknown> }
  >;
  oauth_config?: { scopes?: { bot?: string[] } };
};

export function manifestDatastores(): DatastoreSchema[] {
  const m = manifest as ManifestJson;
  return Object.entries(m.datastores ?? {}).map(([name, d]) => ({
    name,
    primary_key: d.primary_key,
    attributes: d.attributes,
  }));
}

export function manifestBotScopes(): string[] {
  return (manifest as ManifestJson).oauth_config?.scopes?.bot ?? [];
}

/**
 * A fake Slack with the app's datastores and exactly its granted scopes.
 *
 * Any test file can be run against a less friendly Slack without changing
 * it, by JSON in the environment (a test's own options win):
 * - FAKE_SLACK_STALE_READS='{"windowMs":300,"chance":0.5}': eventually
 *   consistent datastore reads (fake_slack/stale_reads.ts);
 * - FAKE_SLACK_REACTION_FAULTS='{"chance":0.1}': 429s and 5xx on
 *   reactions.add and reactions.remove (fake_slack/reaction_faults.ts).
 */
export function startFakeSlack(
  options: FakeSlackOptions = {},
): Promise<FakeSlack> {
  return FakeSlack.start({
    workspace: seed(),
    datastores: manifestDatastores(),
    scopes: manifestBotScopes(),
    staleReads: fromEnvironment("FAKE_SLACK_STALE_READS"),
    reactionFaults: fromEnvironment("FAKE_SLACK_REACTION_FAULTS"),
    ...options,
  });
}

/**
 * A fake Slack for clicks at the same instant: each answer 1–13 ms late, so
 * answers come back in any order. `setUp` (settings by default) runs long
 * before anyone clicks, so its reads are not stale; `options.staleReads`
 * (off when not given) applies from then on.
 */
export async function startRaceSlack(
  options: FakeSlackOptions = {},
  setUp: (slack: FakeSlack) => Promise<unknown> = configure,
): Promise<FakeSlack> {
  const { staleReads, ...rest } = options;
  const slack = await startFakeSlack({ latencyMs: 1, jitterMs: 12, ...rest });
  try {
    await setUp(slack);
  } catch (error) {
    await slack.close();
    throw error;
  }
  slack.staleReads = staleReads;
  return slack;
}

function fromEnvironment<T>(name: string): T | undefined {
  const value = Deno.env.get(name);
  if (!value) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new Error(`${name} is not JSON: ${value}`);
  }
}

export function defaultSettings(
  overrides: Partial<HelpdeskSettings> = {},
): HelpdeskSettings {
  return {
    triage_channel: TRIAGE,
    agent_users: [PEOPLE.agent, PEOPLE.otherAgent],
    agent_usergroup: AGENT_GROUP,
    workspace_url: "https://helpdesk-test.slack.com/",
    action_trigger_id: "Ft0TICKETACTION",
    action_trigger_url: ACTION_TRIGGER_URL,
    updated_by: PEOPLE.admin,
    updated_at: 1_700_000_000,
    ...overrides,
  };
}

/** Writes settings straight into the fake datastore, as a configured app. */
export async function configure(
  slack: FakeSlack,
  settings = defaultSettings(),
) {
  await putSettings(fixtureClientFor(slack), settings);
  await settled(slack);
  slack.clearCalls();
}

/**
 * Waits out the stale-reads window (when that mode is on): fixtures are
 * written long before anyone acts on them, so their reads are not stale.
 * (Waited, not settled at once with slack.settleReads(): rounds that run at
 * once keep their own stale reads.)
 */
export async function settled(slack: FakeSlack) {
  const windowMs = slack.staleReads?.windowMs;
  if (windowMs) await new Promise((r) => setTimeout(r, windowMs));
}

/**
 * The default queue with #general as an intake channel that Helpdesk is in,
 * for :ticket: reactions and requesters' threads; set up long before anyone
 * acts, so its reads are not stale.
 */
export async function intakeQueue(slack: FakeSlack) {
  await configure(slack);
  await putQueue(clientFor(slack), {
    id: "default",
    name: "Helpdesk",
    triage_channel: TRIAGE,
    intake_channels: [GENERAL],
    members: [PEOPLE.agent],
    admins: [],
    superusers: [],
  });
  slack.workspace.channels.get(GENERAL)!.members.add(BOT_USER_ID);
  await settled(slack);
}

export function clientFor(slack: FakeSlack) {
  return SlackAPI("xwfp-test-token", { slackApiUrl: slack.apiUrl });
}

/**
 * A client for a test's own checks of what was stored, through Helpdesk's
 * storage code: its datastore reads are never stale (the fake's
 * CONSISTENT_READS_TOKEN), so a check never mistakes an old read for a
 * lost write. Helpdesk's own runs never read this way.
 */
export function checkerClient(slack: FakeSlack) {
  return SlackAPI(CONSISTENT_READS_TOKEN, { slackApiUrl: slack.apiUrl });
}

/**
 * A client for setting a test up: the same calls, answered by the same fake
 * (recorded, failures and all), without the HTTP round trip or the fake's
 * latency, which cost the suite more than the fixtures' work. The form is
 * the one the SDK's client sends (deno_slack_api's serializeData: strings
 * as they are, anything else as JSON, undefined left out), and an answer
 * that is not HTTP 2xx throws, as the SDK's client does. Code under test
 * gets clientFor or functionContext, never this.
 */
export function fixtureClientFor(slack: FakeSlack): SlackAPIClient {
  const client = {
    async apiCall(method: string, args: Record<string, unknown> = {}) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(args)) {
        if (value === undefined) continue;
        form.append(
          key,
          typeof value === "string" ? value : JSON.stringify(value),
        );
      }
      const { status, body } = await slack.answerInProcess(
        method,
        form,
        "xwfp-test-token",
      );
      if (status < 200 || status > 299) {
        throw new Error(`${status}: ${JSON.stringify(body)}`);
      }
      return body;
    },
  };
  return client as unknown as SlackAPIClient;
}

/**
 * An interactivity as Slack hands it to a function started by `user`'s
 * click, shortcut or form: the person a function acts for.
 */
export function interactivityOf(user: string) {
  return {
    interactivity_pointer: `1234.5678.pointer-${user}`,
    interactor: { id: user, secret: "s3cr3t" },
  };
}

/** The context Slack's runtime gives a function, pointed at the fake. */
export function functionContext<I extends Record<string, unknown>>(
  callbackId: string,
  slack: FakeSlack,
  inputs: I,
  env: Record<string, string> = {},
) {
  const { createContext } = SlackFunctionTester(callbackId);
  return createContext({
    inputs,
    env: { ...env, SLACK_API_URL: slack.apiUrl },
    token: "xwfp-test-token",
    // Slack gives every run its own execution; the tester's default is
    // the clock's millisecond, which runs started together would share.
    event: {
      type: "function_executed",
      event_ts: String(Date.now() / 1000),
      function_execution_id: `Fx${crypto.randomUUID().replaceAll("-", "")}`,
      inputs,
      function: {
        id: `Fn_${callbackId}`,
        callback_id: callbackId,
        title: callbackId,
      },
    },
  });
}

/** A ticket opened the real way, then moved to `status` for the test. */
export async function openTestTicket(
  slack: FakeSlack,
  changes: Partial<Ticket> = {},
): Promise<Ticket> {
  const client = fixtureClientFor(slack);
  const { ticket } = await openTicket(client, {
    summary: "Printer on 3rd floor jams",
    description: "Every second page.",
    priority: "normal",
    category: "Hardware",
    requester: PEOPLE.requester,
  }, "form");
  await putTicket(client, { ...ticket, ...changes });
  await settled(slack);
  slack.clearCalls();
  // As stored, with what the store keeps besides (its report days).
  return await storedTicket(slack, ticket.id);
}

export async function storedTicket(
  slack: FakeSlack,
  id: string,
): Promise<Ticket> {
  // The fake keeps items as Slack sent them: read them as the app does.
  return toTicket(await slack.datastores.get("tickets", id) as TicketItem);
}

/** The ticket's cards in `channel`: the messages carrying its card metadata. */
export function ticketCards(
  slack: FakeSlack,
  channel: string,
  ticketId: string,
) {
  return slack.workspace.messagesIn(channel).filter((m) => {
    const metadata = m.metadata as
      | { event_type?: string; event_payload?: { ticket_id?: string } }
      | undefined;
    return metadata?.event_type === CARD_EVENT_TYPE &&
      metadata.event_payload?.ticket_id === ticketId;
  });
}
