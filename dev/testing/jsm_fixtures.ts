// What the JSM tests share: a clock that only moves when the code under
// test sleeps (or the test moves it), the JsmError a promise ends with, and
// a ticket already synced to the fake JSM.
import assert from "node:assert/strict";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { FakeJsm } from "./fake_jsm/server.ts";
import { clientFor, PEOPLE } from "./harness.ts";
import type { Priority } from "../../helpdesk/tickets/model.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";
import { syncTicketToJsm } from "../../use_cases/jsm/jsm_sync.ts";

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
