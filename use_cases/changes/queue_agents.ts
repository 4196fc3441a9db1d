// Whether a person works a ticket's queue (holds any agent role in it):
// what a change, a list or the conversation asks before letting them act as
// an agent. For a change (rolesInQueue) it is asked before the ticket's lock
// is taken, so the lock is not held through the queue's lookups, and asked
// again under it only if the ticket moved queue meanwhile.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { QueueRoles } from "../../slack/workspace/queue_directory.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { getQueue } from "../../slack/storage/queue_store.ts";
import { isAgentRole } from "../../helpdesk/queues/queue_permissions.ts";
import { queueIdOf } from "../../helpdesk/tickets/ticket_move.ts";

/** Whether someone may work the ticket's queue (any agent role). */
export async function isQueueAgent(
  directory: QueueRoles,
  userId: string,
): Promise<boolean> {
  return isAgentRole(await directory.rolesOf(userId));
}

/**
 * Whether each person works the ticket's queue, asked of the queue it was in
 * when loaded, before the lock is taken; asked again of the queue it is in
 * under the lock, should it have moved meanwhile.
 */
export function rolesInQueue(
  client: SlackAPIClient,
  loaded: { ticket: Ticket; settings: HelpdeskSettings; queue: Queue },
  people: readonly string[],
) {
  const ask = (queue: Queue, requester: string) => {
    const directory = new QueueRoles(client, queue, requester);
    return Promise.all(people.map((p) => isQueueAgent(directory, p)));
  };
  const early = ask(loaded.queue, loaded.ticket.requester);
  // Not lost: `of` awaits it and throws its failure. Only when the lock is
  // refused is it never awaited, and then nobody needs the answer.
  early.catch(() => {});
  return {
    async of(latest: Ticket): Promise<boolean[]> {
      if (queueIdOf(latest) === loaded.queue.id) return await early;
      const queue = await getQueue(client, latest.queue_id, loaded.settings) ??
        await getQueue(client, undefined, loaded.settings);
      if (!queue) return people.map(() => false);
      return await ask(queue, latest.requester);
    },
  };
}
