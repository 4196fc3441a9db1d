// An approver's decision, from the Approve button or the Deny modal: checked
// (only the request type's approvers, only while pending), recorded on the
// ticket, and shown everywhere: the approvers' DMs lose their buttons, the
// requester hears who decided, and an approved ticket goes to triage.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  decideApproval,
  type Decision,
} from "../../helpdesk/tickets/approval.ts";
import { loadQueuedTicket } from "./change_ticket.ts";
import { QueueDirectory } from "./queue_directory.ts";
import { getRequestType } from "../storage/queue_store.ts";
import { putLookups, putTicket } from "../storage/ticket_store.ts";
import { mayDo, refusal } from "../../helpdesk/queues/queue_permissions.ts";
import {
  approversOf,
  DEFAULT_APPROVERS,
} from "../../helpdesk/request_types/request_type.ts";
import { toTriage } from "./open_ticket.ts";
import { slackCall } from "../api/slack_call.ts";
import { cardLinkOf } from "../blocks/ticket_messages.ts";
import {
  alreadyDecided,
  approvalDecidedBlocks,
  approvalRequestText,
  decisionDm,
} from "../blocks/request_messages.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { markJsmPendingIfLinked } from "../../helpdesk/tickets/jsm_sync.ts";

export type DecisionResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string; ticket?: Ticket };

/** Whether the person may decide; before the Deny modal opens, too. */
export async function checkApprover(
  client: SlackAPIClient,
  ticketId: string,
  userId: string,
) {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, settings, queue } = loaded;
  const type = ticket.request_type_id
    ? await getRequestType(client, ticket.request_type_id)
    : undefined;
  // A type removed since keeps its tickets decidable by the superusers.
  const approvers = type ? approversOf(type) : DEFAULT_APPROVERS;
  const directory = new QueueDirectory(
    client,
    queue,
    ticket.requester,
    approvers,
  );
  const roles = await directory.rolesOf(userId);
  if (!mayDo(roles, "approve")) {
    return {
      ok: false as const,
      reason: `${refusal("approve", queue.name)} ${ticket.key} is unchanged.`,
      ticket,
    };
  }
  return { ok: true as const, ticket, settings, queue };
}

export async function decide(
  client: SlackAPIClient,
  ticketId: string,
  decision: Decision,
  approver: string,
  reason = "",
  now = Math.floor(Date.now() / 1000),
): Promise<DecisionResult> {
  const checked = await checkApprover(client, ticketId, approver);
  if (!checked.ok) return checked;
  const { settings, queue } = checked;
  if (checked.ticket.approval !== "pending") {
    return {
      ok: false,
      reason: alreadyDecided(checked.ticket),
      ticket: checked.ticket,
    };
  }
  const outcome = decideApproval(
    checked.ticket,
    decision,
    approver,
    now,
    reason,
  );
  if (!outcome.ok) {
    return { ok: false, reason: outcome.reason, ticket: checked.ticket };
  }
  // Deadlines start now (the approval hold has ended) and JSM hears of it.
  const ticket = markJsmPendingIfLinked(
    withServiceLevels(outcome.ticket, policyFromSettings(settings), now),
    now,
  );
  if (decision === "approve") {
    // Saved with its card, so a failure to post leaves it pending, and
    // the approver can click again.
    await toTriage(client, settings, queue, ticket, now);
  }
  await Promise.all([
    putTicket(client, ticket),
    ticket.card_ts ? putLookups(client, ticket) : undefined,
  ]);
  const cardLink = cardLinkOf(ticket, settings.workspace_url);
  const shown = await Promise.allSettled([
    slackCall(client, "chat.postMessage", {
      channel: ticket.requester,
      text: decisionDm(ticket, cardLink),
      unfurl_links: false,
    }),
    ...(ticket.approval_messages ?? []).map((where) => {
      const [channel, ts] = where.split(":");
      return slackCall(client, "chat.update", {
        channel,
        ts,
        text: approvalRequestText(ticket),
        blocks: approvalDecidedBlocks(ticket, queue.name),
      });
    }),
  ]);
  return {
    ok: true,
    ticket,
    notShown: shown.flatMap((r) => r.status === "rejected" ? [r.reason] : []),
  };
}
