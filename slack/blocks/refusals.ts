// What Helpdesk says when it refuses someone: privately (an ephemeral or a
// DM), naming who may do it, in mrkdwn. Queue names are typed by admins and
// escaped like anyone's text.
import type { QueueAction } from "../../helpdesk/queues/queue_permissions.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

const WHO: Record<QueueAction, string> = {
  claim: "the queue's agents",
  assign: "the queue's agents",
  change_status: "the queue's agents",
  approve: "the request type's approvers",
  deny: "the request type's approvers",
  edit_settings: "the queue's owner, admins and superusers",
  edit_saved_replies: "the queue's owner and admins",
  view_private:
    "the queue's agents, its approvers and the person who opened it",
  view_history: "the queue's agents and the person who opened it",
};

const VERB: Record<QueueAction, string> = {
  claim: "claim tickets",
  assign: "assign tickets",
  change_status: "change a ticket's status",
  approve: "approve requests",
  deny: "deny requests",
  edit_settings: "change its settings",
  edit_saved_replies: "change its saved replies",
  view_private: "see a private request's details",
  view_history: "see a ticket's history",
};

export function refusal(action: QueueAction, queueName: string): string {
  return `In the ${escapeMrkdwn(queueName)} queue, only ${WHO[action]} can ${
    VERB[action]
  }.`;
}

/** "<@A>, <@B> and <@C>", or "nobody yet". */
export function people(ids: readonly string[]): string {
  const mentions = ids.map(userMention);
  if (mentions.length === 0) return "nobody yet";
  if (mentions.length === 1) return mentions[0];
  return `${mentions.slice(0, -1).join(", ")} and ${mentions.at(-1)}`;
}

/** A Helpdesk-wide change refused: who the admins are, to ask them. */
export function onlyHelpdeskAdmins(what: string, admins: readonly string[]) {
  return `Only Helpdesk's admins can ${what}: ${
    people(admins)
  }. Ask one of them; they can add admins in “Configure Helpdesk”.`;
}

/** A queue's settings refused: its editors, then Helpdesk's admins. */
export function onlyQueueEditors(
  queueName: string,
  what: string,
  helpdeskAdmins: readonly string[],
): string {
  return `In the ${
    escapeMrkdwn(queueName)
  } queue, only its owner, admins and superusers, and Helpdesk's admins (${
    people(helpdeskAdmins)
  }), can ${what}.`;
}
