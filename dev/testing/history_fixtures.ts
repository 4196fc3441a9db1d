// A long ticket history for benchmarks, written straight into the fake's
// tables as an install that has been running (and indexing) all along has
// them: every ticket, the open work index, the filed report figures, the
// walk's state, the similar-tickets index with every solved ticket in it,
// the closed-tickets index and retention's catch-up done. Open work is the
// same whatever the history's length, so a run's calls are too; the first
// runs' catch-ups of an install upgraded from before are the "old" layout's.
import type { FakeSlack } from "./fake_slack/server.ts";
import type { Item } from "./fake_slack/datastores.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { sampleTicket } from "./sample_ticket.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import { hasWorkLeft, workEntryOf } from "../../helpdesk/tickets/open_work.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  awaitsIndex,
  isSolved,
  searchText,
} from "../../helpdesk/similar/solved_tickets.ts";
import {
  addSolved,
  type SolvedText,
} from "../../slack/storage/similar_index.ts";
import { addClosed } from "../../slack/storage/closed_index.ts";
import { putCatchUp } from "../../slack/storage/erasure_store.ts";
import { closedTicketOf } from "../../use_cases/schedule/retention.ts";
import {
  encodeRow,
  firstFiledDay,
  reportDaysOf,
  reportRowOf,
  splitIntoParts,
} from "../../helpdesk/reports/report_rows.ts";
import { toItem } from "../../slack/storage/ticket_store.ts";
import { WALK_STATE_ID, workItemOf } from "../../slack/storage/work_store.ts";
import { fixtureClientFor, PEOPLE } from "./harness.ts";

export interface HistoryShape {
  /** Tickets ever opened. */
  total: number;
  /** Of those, open now (in progress). */
  open: number;
  /** Of the open ones, with an SLA warning due now. */
  due: number;
  /** Queues, each with its own triage channel; open work spread evenly. */
  queues: number;
  /** Tickets opened a day, so the history spans total / perDay days. */
  perDay: number;
}

const H = 3600;
const D = 86_400;

export const queueOf = (q: number): Queue => ({
  id: `queue-${q}`,
  name: `Queue ${q}`,
  triage_channel: `CQUEUE${q}`,
  intake_channels: [],
  owner: PEOPLE.admin,
  members: [PEOPLE.agent, PEOPLE.otherAgent],
  admins: [],
  superusers: [],
});

/**
 * The tickets: the open ones first (the first `due` of them with a warning
 * due), then closed ones spread back over the history, a third rated.
 */
export function historyTickets(now: number, shape: HistoryShape): Ticket[] {
  const span = Math.ceil(shape.total / shape.perDay) * D;
  return Array.from({ length: shape.total }, (_, i) => {
    const id = `01HIST${String(i).padStart(7, "0")}`;
    const q = i % shape.queues;
    if (i < shape.open) {
      // Normal priority: the first-response warning comes at 3h12m.
      const age = i < shape.due ? 3.5 * H : 10 * 60;
      return withServiceLevels(
        sampleTicket({
          id,
          key: `HD-${String(i).padStart(6, "0")}`,
          status: "in_progress",
          created_at: now - age,
          updated_at: now - age,
          queue_id: queueOf(q).id,
          requester: PEOPLE.requester,
          card_channel: queueOf(q).triage_channel,
          card_ts: `1800000000.${String(i).padStart(6, "0")}`,
        }),
        DEFAULT_SLA_POLICY,
        now - age + 1,
      );
    }
    const created = now - 2 * D - Math.floor((i / shape.total) * span);
    const resolved = created + H;
    return withServiceLevels(
      sampleTicket({
        id,
        key: `HD-${String(i).padStart(6, "0")}`,
        status: "closed",
        created_at: created,
        updated_at: resolved,
        first_response_at: created + 600,
        resolved_at: resolved,
        closed_at: resolved + 60,
        queue_id: queueOf(q).id,
        requester: PEOPLE.requester,
        ...(i % 3 === 0
          ? { rating: 1 + (i % 5), rated_at: resolved + 120 }
          : {}),
      }),
      DEFAULT_SLA_POLICY,
      resolved + 60,
    );
  });
}

/** Tickets only, as the version before the open work index stored them. */
export function oldLayout(tickets: readonly Ticket[]): Item[] {
  return tickets.map((ticket) => {
    const { report_days: _none, ...item } = toItem(ticket);
    return item as Item;
  });
}

/** Seeds the workspace (queues' channels and cards) and the tables. */
export async function seedHistory(
  slack: FakeSlack,
  tickets: readonly Ticket[],
  shape: HistoryShape,
  now: number,
  layout: "indexed" | "old",
) {
  const ws = slack.workspace;
  for (let q = 0; q < shape.queues; q++) {
    const queue = queueOf(q);
    ws.channels.set(queue.triage_channel, {
      id: queue.triage_channel,
      name: `queue-${q}`,
      is_private: false,
      members: new Set([...ws.users.keys(), BOT_USER_ID]),
    });
    await slack.datastores.put("queues", queue as unknown as Item);
  }
  for (const ticket of tickets.slice(0, shape.open)) {
    ws.messages.push({
      channel: ticket.card_channel!,
      ts: ticket.card_ts!,
      user: BOT_USER_ID,
      text: ticket.key,
    });
  }
  if (layout === "old") {
    await slack.datastores.loadMany("tickets", oldLayout(tickets));
    return;
  }
  await slack.datastores.loadMany(
    "tickets",
    tickets.map((t) => ({ ...toItem(t), rev: "" }) as Item),
  );
  await slack.datastores.loadMany("ticket_work", [
    ...tickets.filter((t) => hasWorkLeft(t, now)).map((t) =>
      workItemOf(indexedEntry(t), true) as Item
    ),
    {
      id: WALK_STATE_ID,
      walk_cursor: "",
      walk_passes: 1,
      walk_pages: 0,
      walk_started_at: now,
      walk_finished_at: now,
      walk_lists_ready: true,
    },
  ]);
  // The figures the walk would have filed: rows for the days a report can
  // still read.
  const first = firstFiledDay(now);
  const byDay = new Map<string, string[]>();
  for (const ticket of tickets) {
    const row = encodeRow(reportRowOf(ticket, ""));
    for (const day of reportDaysOf(ticket)) {
      if (day < first) continue;
      const rows = byDay.get(day) ?? [];
      rows.push(row);
      byDay.set(day, rows);
    }
  }
  const days: Item[] = [];
  for (const [day, rows] of byDay) {
    const parts = splitIntoParts(rows);
    parts.forEach((part, i) =>
      days.push({
        id: i ? `${day}#${i}` : day,
        rows: part,
        ...(i ? {} : { parts: parts.length }),
        updated_at: now,
      })
    );
  }
  await slack.datastores.loadMany("report_days", days);
  await seedSteadyIndexes(slack, tickets, now);
}

/**
 * A ticket's entry once the run has added it to the similar-tickets index
 * (use_cases/schedule/solved_index.ts marks every entry it looked at).
 */
function indexedEntry(ticket: Ticket) {
  const entry = workEntryOf(ticket, "");
  if (awaitsIndex(entry)) entry.similar_indexed = true;
  return entry;
}

/**
 * What the run's own chores leave behind after a year, written by their own
 * writers so the records cannot drift from what the run reads: every solved
 * ticket in its queue's similar-tickets index, in the order they were
 * solved; every closed ticket that left the open work index filed under its
 * day in the closed-tickets index (retention.ts indexClosed); and
 * retention's one-time catch-up over the older tickets done.
 */
async function seedSteadyIndexes(
  slack: FakeSlack,
  tickets: readonly Ticket[],
  now: number,
) {
  const client = fixtureClientFor(slack);
  const byQueue = new Map<string, SolvedText[]>();
  const solved = tickets.filter(isSolved).sort((a, b) =>
    a.resolved_at! - b.resolved_at!
  );
  for (const ticket of solved) {
    const queue = ticket.queue_id ?? DEFAULT_QUEUE_ID;
    const texts = byQueue.get(queue) ?? [];
    texts.push({ id: ticket.id, text: searchText(ticket) });
    byQueue.set(queue, texts);
  }
  for (const [queue, texts] of byQueue) {
    await addSolved(client, queue, texts);
  }
  // Under their days only: a run reads no person's list unless an erasure
  // is asked for, and the fixture's one requester of up to 98,000 closed
  // tickets would add twenty parts of it to every seed
  // (slack/storage/person_lists.ts).
  await addClosed(
    client,
    tickets.filter((t) => t.status === "closed" && !hasWorkLeft(t, now))
      .map((t) => ({ ...closedTicketOf(t), people: [] })),
  );
  await putCatchUp(client, { done: true });
}
