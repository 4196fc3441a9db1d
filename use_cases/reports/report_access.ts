// Who may read which Helpdesk report. A report covers queues, and its
// numbers are their business: a queue's agents see their queues' figures,
// Helpdesk's admins the whole desk's, and nobody else any. The weekly digest
// goes to each triage channel with the figures of the queues posting there.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { isAgentRole } from "../../helpdesk/queues/queue_permissions.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import { people } from "../../slack/blocks/refusals.ts";
import {
  newMemberCache,
  QueueRoles,
} from "../../slack/workspace/queue_directory.ts";

export type ReportScope =
  /** Helpdesk's admins: every queue. */
  | { kind: "all" }
  /** A queue's agents: the queues they work. */
  | { kind: "queues"; queues: Queue[] }
  | { kind: "refused"; reason: string };

export async function reportScopeFor(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queues: readonly Queue[],
  person: string,
): Promise<ReportScope> {
  if (isHelpdeskAdmin(settings, person)) return { kind: "all" };
  // Each user group and channel named in any queue is read once.
  const cache = newMemberCache();
  const works = await Promise.all(
    queues.map(async (queue) =>
      isAgentRole(
        await new QueueRoles(client, queue, undefined, undefined, cache)
          .rolesOf(person),
      )
    ),
  );
  const mine = queues.filter((_, i) => works[i]);
  if (mine.length) return { kind: "queues", queues: mine };
  return {
    kind: "refused",
    reason:
      `The Helpdesk report is for the agents of a queue, about their queues, and for Helpdesk's admins (${
        people(helpdeskAdmins(settings))
      }). Ask a queue's owner to make you one of its members if you work its tickets.`,
  };
}

/** The digest's recipients: each triage channel and its queues. */
export function digestChannels(
  queues: readonly Queue[],
): Array<{ channel: string; queues: Queue[] }> {
  const byChannel = new Map<string, Queue[]>();
  for (const queue of queues) {
    const list = byChannel.get(queue.triage_channel) ?? [];
    list.push(queue);
    byChannel.set(queue.triage_channel, list);
  }
  return [...byChannel].map(([channel, queues]) => ({ channel, queues }));
}
