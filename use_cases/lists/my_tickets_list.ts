// My tickets: a requester's open tickets and those closed lately, ordered
// from the open work index, which keeps them (slack/storage/list_index.ts),
// and drawn a page at a time into the modal the shortcut opened, reading
// only the page's tickets; redrawn after each click on it.
// Withdraw, close and Reopen go through changeTicket like any card button:
// under the ticket's lock, for the person Slack says clicked, and only if
// that person may (the requester; a forged ticket id changes nothing).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  isMine,
  type ListRow,
  myTicketsOrder,
  orderMyTickets,
  type Page,
  type PageAt,
  pageAt,
  RECENT_DAYS,
} from "../../helpdesk/tickets/ticket_lists.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { reopenDaysOf } from "../../helpdesk/tickets/service_level_settings.ts";
import { ticketsOfRequester } from "../../slack/storage/ticket_queries.ts";
import {
  requesterRows,
  ticketsOfPage,
} from "../../slack/storage/list_index.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { notShownNotice } from "../../slack/workspace/not_shown.ts";
import {
  listFrame,
  listState,
  note,
  pageClicked,
} from "../../slack/blocks/list_modal.ts";
import {
  MY_TICKETS_ACTION,
  MY_TICKETS_PAGE_SIZE,
  MY_TICKETS_TITLE,
  MY_TICKETS_VIEW,
  myTicketsClick,
  myTicketsModal,
} from "../../slack/blocks/my_tickets_view.ts";
import { changeTicket } from "../changes/change_ticket.ts";
import { openList, redrawList } from "./list_runs.ts";

export async function showMyTickets(
  client: SlackAPIClient,
  viewId: string,
  person: string,
  state: PageAt,
  notice?: string,
  now = Math.floor(Date.now() / 1000),
  click: {
    /** The ticket a click just changed (or was refused), as this run knows it. */
    changed?: Ticket;
    /** A ticket whose change was refused unread: its line may be behind. */
    unsure?: string;
  } = {},
): Promise<void> {
  const { changed, unsure } = click;
  const [settings, rows] = await Promise.all([
    getSettings(client),
    requesterRows(client, person),
  ]);
  if (!settings) {
    await slackCall(client, "views.update", {
      view_id: viewId,
      view: listFrame(MY_TICKETS_VIEW, MY_TICKETS_TITLE, { page: 0 }, [
        note(NOT_CONFIGURED),
      ]),
    });
    return;
  }
  const mine = (t: ListRow) => isMine(t, person, now);
  const since = now - RECENT_DAYS * 86_400;
  const known = changed ? [changed] : [];
  const ordered = rows
    ? orderMyTickets(rows.filter(mine))
    // The index does not serve the lists yet: the tickets as before, the
    // one just changed as this run knows it (the scan may be stale).
    : orderMyTickets(
      (await ticketsOfRequester(client, person, since))
        .map((t) => t.id === changed?.id ? changed : t)
        .filter(mine),
    );
  const listed = pageAt(ordered, state, MY_TICKETS_PAGE_SIZE, myTicketsOrder);
  const page = rows
    ? await ticketsOfPage(client, listed, mine, known)
    : listed as Page<Ticket>;
  await slackCall(client, "views.update", {
    view_id: viewId,
    view: myTicketsModal(page, {
      workspaceUrl: settings.workspace_url,
      rules: { reopenDays: reopenDaysOf(settings) },
      now,
      notice,
      unsure,
    }),
  });
}

/** The shortcut's run: the modal, then the list in it (list_runs.ts). */
export async function openMyTickets(
  client: SlackAPIClient,
  person: string,
  pointer: string,
) {
  return await openList(client, {
    person,
    pointer,
    callbackId: MY_TICKETS_VIEW,
    title: MY_TICKETS_TITLE,
    show: (viewId) => showMyTickets(client, viewId, person, { page: 0 }),
  });
}

/** A click on a list's modal, as its block_actions handler reads it. */
export interface ListClick {
  viewId: string;
  person: string;
  /** The view's private_metadata: the page and order it shows. */
  privateMetadata?: string;
  actionId: string;
  value?: string;
}

/** A click in the modal: another page, or an action on one ticket. */
export async function clickInMyTickets(
  client: SlackAPIClient,
  { viewId, person, privateMetadata, actionId, value }: ListClick,
) {
  const state = listState(privateMetadata);
  const list = { viewId, callbackId: MY_TICKETS_VIEW, title: MY_TICKETS_TITLE };
  if (actionId.startsWith(`${MY_TICKETS_ACTION}_page`)) {
    await redrawList(
      client,
      list,
      () => showMyTickets(client, viewId, person, pageClicked(value)),
    );
    return;
  }
  const click = myTicketsClick(actionId, value);
  if (!click) return;
  let notice: string;
  let changed: Ticket | undefined;
  let unsure: string | undefined;
  try {
    const result = await changeTicket(
      client,
      click.ticketId,
      { type: click.action },
      person,
    );
    // Not read under its lock (busy, or Slack behind): as seen before,
    // which may be older than the list's own read.
    changed = result.ok || !result.unsure ? result.ticket : undefined;
    if (!result.ok && result.unsure) unsure = click.ticketId;
    notice = result.ok
      ? `:white_check_mark: ${done(click.action, result.ticket.key)} ${
        notShownNotice(result.ticket.key, result.notShown)
      }`
      : `:warning: ${result.reason}`;
  } catch (error) {
    console.error("my tickets: the action failed", error);
    notice = `:warning: Nothing changed. ${explainFailure(error)}`;
  }
  await redrawList(
    client,
    list,
    () =>
      showMyTickets(client, viewId, person, state, notice, undefined, {
        changed,
        unsure,
      }),
    notice,
  );
}

function done(action: string, key: string): string {
  if (action === "withdraw") return `${key} is withdrawn.`;
  if (action === "close") return `${key} is closed. Thanks for confirming.`;
  return `${key} is reopened: it is back with the agents.`;
}
