// Open tickets: the open tickets of every queue the person works (any agent
// role, asked of Slack as for a card button), ordered as they choose from
// the open work index and drawn a page at a time into the modal the
// shortcut opened; only the page's tickets are read
// (slack/storage/list_index.ts). Someone who works no queue sees why, and
// no ticket.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  isQueueOrder,
  isQueueWork,
  type ListRow,
  openTicketsOrder,
  orderOpenTickets,
  type Page,
  type PageAt,
  pageAt,
  type QueueOrder,
} from "../../helpdesk/tickets/ticket_lists.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { openRows, ticketsOfPage } from "../../slack/storage/list_index.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { openTicketsOfQueues } from "../../slack/storage/ticket_queries.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  listFrame,
  listState,
  note,
  pageClicked,
} from "../../slack/blocks/list_modal.ts";
import {
  noQueuesModal,
  OPEN_TICKETS_ACTION,
  OPEN_TICKETS_PAGE_SIZE,
  OPEN_TICKETS_TITLE,
  OPEN_TICKETS_VIEW,
  openTicketsModal,
  ORDER_ACTION,
} from "../../slack/blocks/open_tickets_view.ts";
import { isQueueAgent } from "../changes/queue_agents.ts";
import { QueueRoles } from "../../slack/workspace/queue_directory.ts";
import type { ListClick } from "./my_tickets_list.ts";
import { openList, redrawList } from "./list_runs.ts";

export async function showOpenTickets(
  client: SlackAPIClient,
  viewId: string,
  person: string,
  state: PageAt & { order?: string },
  now = Math.floor(Date.now() / 1000),
): Promise<void> {
  const update = (view: unknown) =>
    slackCall(client, "views.update", { view_id: viewId, view });
  // The index is read alongside the settings: it does not depend on them.
  const [{ settings, queues }, rows] = await Promise.all([
    settingsAndQueues(client),
    openRows(client),
  ]);
  if (!settings) {
    await update(
      listFrame(OPEN_TICKETS_VIEW, OPEN_TICKETS_TITLE, { page: 0 }, [
        note(NOT_CONFIGURED),
      ]),
    );
    return;
  }
  const worked = await queuesWorkedBy(client, queues, person);
  if (worked.length === 0) {
    await update(noQueuesModal());
    return;
  }
  const order: QueueOrder = isQueueOrder(state.order) ? state.order : "status";
  const ids = new Set(worked.map((q) => q.id));
  const page = rows
    ? await pageFromIndex(client, rows, ids, order, state)
    : pageAt(
      orderOpenTickets(
        (await openTicketsOfQueues(client, [...ids]))
          .filter((t) => isQueueWork(t, ids)),
        order,
      ),
      state,
      OPEN_TICKETS_PAGE_SIZE,
      openTicketsOrder(order),
    );
  await update(openTicketsModal(page, {
    order,
    queueNames: new Map(worked.map((q) => [q.id, q.name])),
    workspaceUrl: settings.workspace_url,
    now,
  }));
}

/** Ordered from the index; only the page's tickets are read. */
async function pageFromIndex(
  client: SlackAPIClient,
  rows: readonly ListRow[],
  queueIds: ReadonlySet<string>,
  order: QueueOrder,
  at: PageAt,
): Promise<Page<Ticket>> {
  const page = pageAt(
    orderOpenTickets(rows.filter((row) => isQueueWork(row, queueIds)), order),
    at,
    OPEN_TICKETS_PAGE_SIZE,
    openTicketsOrder(order),
  );
  return await ticketsOfPage(
    client,
    page,
    (ticket) => isQueueWork(ticket, queueIds),
  );
}

async function queuesWorkedBy(
  client: SlackAPIClient,
  queues: readonly Queue[],
  person: string,
): Promise<Queue[]> {
  const works = await Promise.all(
    queues.map((queue) => isQueueAgent(new QueueRoles(client, queue), person)),
  );
  return queues.filter((_, i) => works[i]);
}

/** The shortcut's run: the modal, then the list in it (list_runs.ts). */
export async function openOpenTickets(
  client: SlackAPIClient,
  person: string,
  pointer: string,
) {
  return await openList(client, {
    person,
    pointer,
    callbackId: OPEN_TICKETS_VIEW,
    title: OPEN_TICKETS_TITLE,
    show: (viewId) => showOpenTickets(client, viewId, person, { page: 0 }),
  });
}

/** Another order (back to its first page) or another page. */
export async function clickInOpenTickets(
  client: SlackAPIClient,
  click: ListClick & { selectedOption?: string },
) {
  const { viewId, person, actionId } = click;
  const state = listState(click.privateMetadata);
  let at: PageAt & { order?: string };
  if (actionId === ORDER_ACTION) {
    const order = click.selectedOption;
    at = { page: 0, order: isQueueOrder(order) ? order : state.order };
  } else if (actionId.startsWith(`${OPEN_TICKETS_ACTION}_page`)) {
    at = { ...pageClicked(click.value), order: state.order };
  } else return;
  await redrawList(
    client,
    { viewId, callbackId: OPEN_TICKETS_VIEW, title: OPEN_TICKETS_TITLE },
    () => showOpenTickets(client, viewId, person, at),
  );
}
