// Who hears about a ticket's service levels: its own queue's people, never
// another queue's. Warnings mention the assignee, or else the queue's
// members; breaches go to the queue's owner (Helpdesk's owner stands in for
// a queue without one). A private ticket's summary is quoted in a DM only to
// someone who holds a role in its queue.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  DEFAULT_QUEUE_ID,
  defaultQueueFromSettings,
  type Queue,
} from "../../helpdesk/queues/queue.ts";
import { expandRole } from "../../helpdesk/queues/role_entries.ts";
import { isAgentRole } from "../../helpdesk/queues/queue_permissions.ts";
import type {
  EscalationReason,
  NoticeAudience,
} from "../../slack/blocks/sla_messages.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";

export class SlaAudiences {
  readonly #queues = new Map<string, Queue>();
  readonly #directories = new Map<string, QueueDirectory>();

  constructor(
    private client: SlackAPIClient,
    private settings: HelpdeskSettings,
    stored: readonly Queue[],
  ) {
    for (const queue of stored) this.#queues.set(queue.id, queue);
    if (!this.#queues.has(DEFAULT_QUEUE_ID)) {
      this.#queues.set(DEFAULT_QUEUE_ID, defaultQueueFromSettings(settings));
    }
  }

  /** The ticket's queue; the default one for a queue removed since. */
  queueOf(ticket: Pick<Ticket, "queue_id">): Queue {
    return this.#queues.get(ticket.queue_id ?? DEFAULT_QUEUE_ID) ??
      this.#queues.get(DEFAULT_QUEUE_ID)!;
  }

  /** Where the ticket's notices go: its card's channel, or its queue's. */
  channelOf(ticket: Ticket): string {
    return ticket.card_channel ?? this.queueOf(ticket).triage_channel;
  }

  escalationOf(ticket: Ticket): { owner?: string; reason: EscalationReason } {
    const queue = this.queueOf(ticket);
    if (queue.owner) {
      return {
        owner: queue.owner,
        reason: { queueName: queue.name, standIn: false },
      };
    }
    return {
      owner: this.settings.owner ?? (this.settings.updated_by || undefined),
      reason: { queueName: queue.name, standIn: true },
    };
  }

  async audienceOf(ticket: Ticket): Promise<NoticeAudience> {
    const queue = this.queueOf(ticket);
    const { owner } = this.escalationOf(ticket);
    try {
      const members = expandRole("members", queue, ticket.requester);
      // User groups are one mention each; a channel's people are listed.
      const inChannels = members.channels.size
        ? await this.#directory(queue, ticket).peopleOf({
          users: new Set(),
          usergroups: new Set(),
          channels: members.channels,
        })
        : [];
      return {
        assignee: ticket.assignee,
        memberUsers: [...new Set([...members.users, ...inChannels])],
        memberGroups: [...members.usergroups],
        owner,
      };
    } catch (error) {
      // Bad role settings must not silence the notice: the owner gets it.
      console.error(`${queue.id}: members unreadable for SLA notices`, error);
      return {
        assignee: ticket.assignee,
        memberUsers: [],
        memberGroups: [],
        owner,
      };
    }
  }

  /** Whether a DM to `person` may quote the ticket's text. */
  async mayQuote(ticket: Ticket, person: string): Promise<boolean> {
    if (!ticket.private) return true;
    try {
      const roles = await this.#directory(this.queueOf(ticket), ticket)
        .rolesOf(person);
      return isAgentRole(roles);
    } catch (error) {
      console.error(`${ticket.key}: roles unreadable, not quoting`, error);
      return false;
    }
  }

  /** One directory per queue, so Slack is asked once per run. */
  #directory(queue: Queue, ticket: Ticket): QueueDirectory {
    let directory = this.#directories.get(queue.id);
    if (!directory) {
      // `${initiator}` differs per ticket; no notice audience uses it.
      directory = new QueueDirectory(this.client, queue, ticket.requester);
      this.#directories.set(queue.id, directory);
    }
    return directory;
  }
}
