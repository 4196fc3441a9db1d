// What tests of the scheduled run share: tickets opened some time ago with
// their deadlines, and a run whose posts need not wait a second apart.
import type { FakeSlack } from "./fake_slack/server.ts";
import { clientFor, openTestTicket } from "./harness.ts";
import {
  type RunOptions,
  runScheduledChecks,
} from "../../use_cases/schedule/scheduled_run.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** A ticket opened `ago` seconds before `now`, with its deadlines. */
export async function ticketOpened(
  slack: FakeSlack,
  now: number,
  ago: number,
  changes: Partial<Ticket> = {},
): Promise<Ticket> {
  const opened = await openTestTicket(slack, {
    created_at: now - ago,
    updated_at: now - ago,
    ...changes,
  });
  const settings = (await getSettings(clientFor(slack)))!;
  const ticket = withServiceLevels(
    opened,
    policyFromSettings(settings),
    now - ago,
  );
  await putTicket(clientFor(slack), ticket);
  slack.clearCalls();
  return ticket;
}

/** A scheduled run; posts a millisecond apart so tests need not wait. */
export function run(slack: FakeSlack, now: number, options: RunOptions = {}) {
  return runScheduledChecks(clientFor(slack), now, {
    channelIntervalMs: 1,
    ...options,
  });
}
