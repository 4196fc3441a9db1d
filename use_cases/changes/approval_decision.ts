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
import {
  loadQueuedTicket,
  TICKET_GONE,
} from "../../slack/workspace/queued_ticket.ts";
import { withTicketLock } from "../../slack/storage/ticket_lock.ts";
import { withHistory } from "../../helpdesk/tickets/ticket_history.ts";
import { findPostedCard } from "../../slack/workspace/triage_card.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { getRequestTypeRules } from "../../slack/storage/queue_store.ts";
import {
  putLookups,
  putTicketSurely,
} from "../../slack/storage/ticket_store.ts";
import { mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import { refusal } from "../../slack/blocks/refusals.ts";
import {
  approversOf,
  DEFAULT_APPROVERS,
} from "../../helpdesk/request_types/request_type.ts";
import { toTriage } from "../opening/ticket_showing.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { sendOrKeep } from "../../slack/workspace/outbox.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  alreadyDecided,
  approvalDecidedBlocks,
  approvalRequestText,
  decisionDm,
} from "../../slack/blocks/request_messages.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { markJsmPendingIfLinked } from "../../helpdesk/tickets/jsm_sync.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";
import { reopenDaysOf } from "../../helpdesk/tickets/service_level_settings.ts";

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
    ? await getRequestTypeRules(client, ticket.request_type_id)
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
  // Two approvers (or one double click) at once: the lock lets one decide;
  // the other then reads the decision and is told who made it.
  const locked = await withTicketLock(
    client,
    checked.ticket,
    async (latest): Promise<DecisionResult> => {
      if (!latest) return { ok: false, reason: TICKET_GONE };
      if (latest.approval !== "pending") {
        return { ok: false, reason: alreadyDecided(latest), ticket: latest };
      }
      const outcome = decideApproval(latest, decision, approver, now, reason);
      if (!outcome.ok) {
        return { ok: false, reason: outcome.reason, ticket: latest };
      }
      const decided = withHistory(latest, outcome.ticket, {
        by: approver,
        at: now,
      });
      const ticket = markJsmPendingIfLinked(
        withServiceLevels(
          { ...decided, updated_by: approver },
          policyFromSettings(settings, [queue]),
          now,
        ),
        now,
      );
      if (decision === "approve") {
        await postCardOnce(client, settings, queue, ticket, now);
      }
      await Promise.all([
        putTicketSurely(client, ticket),
        ticket.card_ts ? putLookups(client, ticket) : undefined,
      ]);
      return {
        ok: true,
        ticket,
        notShown: await announce(client, ticket, queue, settings),
      };
    },
  );
  return locked.ok
    ? locked.value
    : { ok: false, reason: locked.reason, ticket: checked.ticket };
}

/**
 * The approved ticket's card. An earlier approval whose card was posted but
 * not saved (the save failed, or its answer was lost) left that card in the
 * triage channel: it is adopted, never posted twice.
 */
async function postCardOnce(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  ticket: Ticket,
  now: number,
) {
  const earlier = await findPostedCard(client, ticket, queue.triage_channel);
  if (earlier) {
    ticket.card_channel = earlier.channel;
    ticket.card_ts = earlier.ts;
    return;
  }
  await toTriage(client, settings, queue, ticket, now);
}

/** The decision, shown to the requester and in every approver's DM. */
async function announce(
  client: SlackAPIClient,
  ticket: Ticket,
  queue: Queue,
  settings: HelpdeskSettings,
): Promise<unknown[]> {
  const cardLink = cardLinkOf(ticket, settings.workspace_url);
  const text = decisionDm(ticket, cardLink);
  const shown = await Promise.allSettled([
    // Refused for now, it is kept for the scheduled check, as every
    // change's news is (outbox.ts): a denial's reason is the approver's.
    sendOrKeep(client, ticket, [{
      channel: ticket.requester,
      text,
      // Approved, it can still be withdrawn.
      blocks: requesterDmBlocks(ticket, text, settings.action_trigger_url, {
        rules: { reopenDays: reopenDaysOf(settings) },
        now: ticket.updated_at,
      }),
    }]).then((failures) => {
      if (failures.length) throw failures[0];
    }),
    ...(ticket.approval_messages ?? []).map((where) => {
      const at = where.indexOf(":");
      return slackCall(client, "chat.update", {
        channel: where.slice(0, at),
        ts: where.slice(at + 1),
        text: approvalRequestText(ticket),
        blocks: approvalDecidedBlocks(ticket, queue.name),
      });
    }),
  ]);
  return shown.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
}
