// Submitting the card's Merge into…, Unmerge… and Link related… modals the
// way Slack would send them to update_ticket.
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  LINK_VIEW_CALLBACK_ID,
  MERGE_VIEW_CALLBACK_ID,
  UNMERGE_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import {
  ALIKE_BLOCK,
  MERGED_BLOCK,
  OTHER_KEY_BLOCK,
} from "../../slack/blocks/merge_modal.ts";
import assert from "node:assert/strict";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import messageToTicket from "../../functions/message_to_ticket/handler.ts";
import {
  configure,
  functionContext,
  GENERAL,
  intakeQueue,
  openTestTicket,
  PEOPLE,
  storedTicket,
} from "./harness.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";

const CALLBACKS = {
  merge: MERGE_VIEW_CALLBACK_ID,
  link: LINK_VIEW_CALLBACK_ID,
  unmerge: UNMERGE_VIEW_CALLBACK_ID,
};

/**
 * The form of `kind` on the card of `ticketId`, sent by `user` naming the
 * other ticket: typed as `key`, or chosen from the list (`{ chosen }`).
 */
export function submitPair(
  slack: FakeSlack,
  kind: keyof typeof CALLBACKS,
  ticketId: string,
  user: string,
  other: { key: string } | { chosen: string },
) {
  const values: Record<string, Record<string, Record<string, unknown>>> =
    kind === "unmerge"
      ? {
        [MERGED_BLOCK]: {
          [MERGED_BLOCK]: {
            type: "static_select",
            selected_option: {
              value: "key" in other ? other.key : other.chosen,
            },
          },
        },
      }
      : {
        [OTHER_KEY_BLOCK]: {
          [OTHER_KEY_BLOCK]: {
            type: "plain_text_input",
            value: "key" in other ? other.key : null,
          },
        },
        [ALIKE_BLOCK]: {
          [ALIKE_BLOCK]: {
            type: "static_select",
            selected_option: "chosen" in other ? { value: other.chosen } : null,
          },
        },
      };
  return submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: CALLBACKS[kind],
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: `Fx0${kind.toUpperCase()}${crypto.randomUUID().slice(0, 8)}`,
      user,
      privateMetadata: JSON.stringify({ ticket_id: ticketId }),
      values,
    }),
  );
}

/**
 * Two reports of one printer: Riley's ticket (to keep), and the one an agent
 * made with :ticket: from Sam's (PEOPLE.bystander) message in #general.
 */
export async function twoReports(slack: FakeSlack) {
  await intakeQueue(slack);
  const kept = await openTestTicket(slack);
  const ts =
    slack.workspace.postAs(PEOPLE.bystander, GENERAL, "Printer on 3 jams too")
      .ts;
  slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
  await messageToTicket(functionContext("message_to_ticket", slack, {
    channel: GENERAL,
    message_ts: ts,
    message_link: slack.workspace.permalink(GENERAL, ts),
    author: PEOPLE.bystander,
    reaction: "ticket",
    user: PEOPLE.agent,
  }));
  const sams = await storedTicket(
    slack,
    await ticketIdFor(creationKeys.message(GENERAL, ts)),
  );
  return { kept, sams, ts };
}

/** A ticket of `requester`'s, merged into `kept` by an agent. */
export async function mergedInto(
  slack: FakeSlack,
  kept: Ticket,
  requester: string,
  summary = "3rd floor printer jams again",
) {
  const merged = await openTestTicket(slack, { requester, summary });
  const answer = await submitPair(slack, "merge", merged.id, PEOPLE.agent, {
    key: kept.key,
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  return merged;
}

/**
 * Every save of the ticket refused (internal_error) until the failures are
 * cleared: a merged ticket's reopen that fails, for the scheduled check.
 */
export function failTicketSaves(slack: FakeSlack, id: string) {
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    times: Infinity,
    when: (args) =>
      args.datastore === "tickets" &&
      (args.item as { id?: string } | undefined)?.id === id,
  });
}

/**
 * Riley's (PEOPLE.requester's) ticket, with Sam's (PEOPLE.bystander's)
 * merged into it, and how many DMs Sam had then.
 */
export async function mergedPair(slack: FakeSlack) {
  await configure(slack);
  const kept = await openTestTicket(slack);
  const sams = await mergedInto(slack, kept, PEOPLE.bystander);
  return {
    kept,
    sams,
    samsDms: slack.workspace.dmsTo(PEOPLE.bystander).length,
  };
}
