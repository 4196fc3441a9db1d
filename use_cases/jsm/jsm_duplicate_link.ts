// A ticket merged into another (helpdesk/tickets/ticket_merge.ts): its JSM
// request is linked to the kept ticket's as a duplicate ("Duplicate": the
// merged request duplicates the kept one), once. Its close goes to JSM by
// the ordinary status sync, through an agent's transition. Until the kept
// ticket has a request there is nothing to link to, and the sync retries;
// a kept ticket that will never have one (JSM turned on after it was
// opened) is linked to nothing. A link JSM refuses (no "Duplicate" link
// type on the site, issue linking turned off, an issue it can't see) is
// not retried: the merged card's thread says so. After an Unmerge the link
// is removed again (the link's id read from the request's links).
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  owesDuplicateLink,
  owesDuplicateUnlink,
} from "../../helpdesk/tickets/jsm_sync.ts";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import {
  issueLinks,
  linkIssues,
  removeIssueLink,
} from "../../integrations/jsm/issue_links.ts";
import {
  getTicket,
  type updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { updateFieldsUnderLock } from "../changes/change_under_lock.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";

export const DUPLICATE_LINK_TYPE = "Duplicate";

/** Refusals a retry would only repeat. */
const REFUSED = new Set(["bad_request", "not_found", "forbidden"]);

/** Whether a link (or its removal) is still owed after this attempt. */
export async function settleDuplicateLink(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ owed: boolean }> {
  if (owesDuplicateUnlink(ticket)) {
    return await unlinkDuplicate(deps, ticket, key);
  }
  return await linkDuplicate(deps, ticket, key);
}

async function linkDuplicate(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ owed: boolean }> {
  if (!owesDuplicateLink(ticket)) return { owed: false };
  const kept = await getTicket(deps.client, ticket.merged_into!);
  if (!kept?.jsm_key) {
    // Its own sync makes one, unless it is not waiting to.
    const coming = kept?.jsm_sync === "pending";
    if (!coming) await markLinked(deps, ticket);
    return { owed: coming };
  }
  try {
    await linkIssues(deps.jsm, DUPLICATE_LINK_TYPE, kept.jsm_key, key);
  } catch (error) {
    if (!(error instanceof JsmError && REFUSED.has(error.code))) throw error;
    await tellRefused(deps, ticket, kept.jsm_key, key, error);
    await markLinked(deps, ticket);
    return { owed: false };
  }
  await markLinked(deps, ticket, kept.jsm_key);
  return { owed: false };
}

/** Unmerged: the Duplicate link to the kept ticket's request goes. */
async function unlinkDuplicate(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ owed: boolean }> {
  const keptKey = ticket.jsm_duplicate_of!;
  try {
    const links = await issueLinks(deps.jsm, key, DUPLICATE_LINK_TYPE);
    for (const link of links.filter((l) => l.otherKey === keptKey)) {
      await removeIssueLink(deps.jsm, link.id);
    }
  } catch (error) {
    if (!(error instanceof JsmError && REFUSED.has(error.code))) throw error;
    console.warn(`${ticket.key}: ${key} not unlinked from ${keptKey}`, error);
  }
  await updateFields(deps, ticket, {
    jsm_duplicate_of: "",
    jsm_duplicate_linked: false,
  });
  return { owed: false };
}

async function markLinked(
  deps: JsmSyncDeps,
  ticket: Ticket,
  keptKey?: string,
) {
  await updateFields(deps, ticket, {
    jsm_duplicate_linked: true,
    ...(keptKey ? { jsm_duplicate_of: keptKey } : {}),
  });
}

async function updateFields(
  deps: JsmSyncDeps,
  ticket: Ticket,
  fields: Parameters<typeof updateTicketFields>[2],
) {
  const marked = await updateFieldsUnderLock(deps.client, ticket, () => fields);
  if (!marked.ok) throw new Error(marked.reason);
}

async function tellRefused(
  deps: JsmSyncDeps,
  ticket: Ticket,
  keptKey: string,
  key: string,
  error: JsmError,
) {
  console.warn(`${ticket.key}: ${key} not linked to ${keptKey}`, error);
  if (!ticket.card_channel || !ticket.card_ts) return;
  const said = error.serverMessage ? `: ${error.serverMessage}` : "";
  await slackCall(deps.client, "chat.postMessage", {
    channel: ticket.card_channel,
    thread_ts: ticket.card_ts,
    text:
      `${key} was not linked to ${keptKey} as its duplicate in Jira Service Management${said}`,
  }).catch((told) => console.warn(`${ticket.key}: refusal not told`, told));
}
