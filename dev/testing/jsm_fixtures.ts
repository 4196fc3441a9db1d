// What the JSM tests share: a clock that only moves when the code under
// test sleeps (or the test moves it), the JsmError a promise ends with, a
// ticket already synced to the fake JSM, and the sync function run as a
// workflow would run it.
import assert from "node:assert/strict";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { FakeJsm } from "./fake_jsm/server.ts";
import { clientFor, functionContext, PEOPLE } from "./harness.ts";
import type { Priority } from "../../helpdesk/tickets/model.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";
import { syncTicketToJsm } from "../../use_cases/jsm/jsm_sync.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import syncHandler from "../../functions/sync_ticket_to_jsm/handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "../../functions/sync_ticket_to_jsm/definition.ts";

export function fakeClock() {
  const clock = {
    ms: 0,
    sleeps: [] as number[],
    now: () => clock.ms,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.ms += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

export async function failureOf(
  promise: Promise<unknown>,
): Promise<JsmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JsmError, String(error));
    return error;
  }
  throw new Error("expected a JsmError");
}

/**
 * A ticket opened from the form with JSM on, and synced: its request is in
 * the fake JSM. `env` is what a function needs to reach it, with `secret`
 * as the webhook's.
 */
export async function openSyncedTicket(
  slack: FakeSlack,
  jsm: FakeJsm,
  secret: string,
  request: { summary: string; priority: Priority },
) {
  const client = clientFor(slack);
  const env = { ...jsm.apiTokenEnv(), JSM_WEBHOOK_SECRET: secret };
  const { ticket } = await openTicket(
    client,
    {
      ...request,
      description: "",
      category: "Hardware",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  const connection = await connectToJsm(client, env, undefined);
  assert.ok(connection.ok);
  await syncTicketToJsm({
    client,
    jsm: connection.jsm,
    config: connection.config,
    now: Math.floor(Date.now() / 1000),
  }, ticket.id);
  return { client, env, ticket };
}

/** Runs the sync_ticket_to_jsm function for a ticket, reaching the fake JSM. */
export function syncFunction(slack: FakeSlack, jsm: FakeJsm) {
  return (ticket_id: string) =>
    syncHandler(functionContext(
      SYNC_TO_JSM_CALLBACK_ID,
      slack,
      { ticket_id },
      jsm.apiTokenEnv(),
    ));
}

/**
 * The requester's "VPN drops hourly" ticket, opened from the form with JSM
 * on and synced by the sync function (which must say "synced"). `sync` runs
 * that function again.
 */
export async function openTicketSyncedByFunction(
  slack: FakeSlack,
  jsm: FakeJsm,
) {
  const client = clientFor(slack);
  const sync = syncFunction(slack, jsm);
  const { ticket } = await openTicket(
    client,
    {
      summary: "VPN drops hourly",
      description: "Since Monday.",
      priority: "high",
      category: "Network",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  return { client, sync, ticket };
}

/**
 * The requester's comments on a ticket synced to the fake JSM's only
 * request: `say` one (it must be taken), `firstLines` of what JSM holds.
 */
export function requesterComments(
  jsm: FakeJsm,
  client: SlackAPIClient,
  ticketId: string,
) {
  const [request] = [...jsm.requests.values()];
  const say = async (text: string) =>
    assert.ok(
      (await converse(client, ticketId, PEOPLE.requester, "comment", text))
        .ok,
    );
  const firstLines = () => request.comments.map((c) => c.body.split("\n")[0]);
  return { request, say, firstLines };
}
