// The service-level policy a ticket is timed by: the desk's, with the
// holidays of the ticket's queue. Holidays count only with business hours,
// so without them no queue is read.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { SlaPolicy } from "../../helpdesk/service_levels/sla_policy.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import { findStoredQueue } from "../../slack/storage/queue_store.ts";

export async function ticketSlaPolicy(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Pick<Ticket, "queue_id">,
): Promise<SlaPolicy> {
  if (!settings.business_hours) return policyFromSettings(settings);
  const queue = await findStoredQueue(
    client,
    ticket.queue_id ?? DEFAULT_QUEUE_ID,
  );
  return policyFromSettings(settings, queue ? [queue] : []);
}
