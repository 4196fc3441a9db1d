// The walk through every ticket ever stored, a little at each scheduled run.
//
// Its first pass indexes an existing install: each ticket with work left
// gets its open work entry, and every ticket's report figures are filed
// under the days a report can still read. It reads as many pages as the
// run's budget allows and saves its place after each run's writes, so a run
// that fails or stops midway is taken up by the next; a page read twice
// changes nothing (an entry that exists is left alone, a filed row is
// replaced by the same row). Until that pass is done, reports read the
// tickets table as before.
//
// Later passes read one page a run and put right what a lost write left
// wrong: an entry missing for a ticket with work left, or lagging behind
// its ticket. A page a run costs the same whatever the history; a pass over
// 100,000 tickets takes about a hundred runs.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  hasWorkLeft,
  isIncomplete,
  lacksListFields,
  lacksName,
  type WorkEntry,
  workEntryOf,
} from "../../helpdesk/tickets/open_work.ts";
import type { ReportRow } from "../../helpdesk/reports/report_rows.ts";
import type { CallBudget } from "../../slack/api/call_budget.ts";
import { SlackCallError } from "../../slack/api/slack_call.ts";
import { fileRows } from "../../slack/storage/report_store.ts";
import {
  putWorkItems,
  WALK_STATE_ID,
  type WorkItem,
  workItemOf,
} from "../../slack/storage/work_store.ts";
import { ticketPageAt } from "../../slack/storage/ticket_queries.ts";
import { addRows } from "./report_filing.ts";

export interface WalkState {
  /** Where the current pass goes on; absent at a pass's start. */
  cursor?: string;
  /** Passes finished: 0 until the install is indexed. */
  passes: number;
  pages: number;
  startedAt?: number;
  finishedAt?: number;
  /**
   * The pass under way was started by a version that writes the lists'
   * fields (LIST_FIELDS), so every entry it leaves has them.
   */
  passLists?: boolean;
  /**
   * Such a pass has finished: the index holds every ticket My tickets and
   * Open tickets show, with what they need. Until then they read the tickets
   * table as before (use_cases/lists/).
   */
  listsReady?: boolean;
}

export function walkStateFrom(item: WorkItem | undefined): WalkState {
  return {
    cursor: item?.walk_cursor || undefined,
    passes: item?.walk_passes ?? 0,
    pages: item?.walk_pages ?? 0,
    startedAt: item?.walk_started_at || undefined,
    finishedAt: item?.walk_finished_at || undefined,
    passLists: item?.walk_pass_lists === true,
    listsReady: item?.walk_lists_ready === true,
  };
}

/**
 * Whether the walk's first pass is done (the install is indexed): all a
 * report asks of the walk, read without the rest of its state.
 */
export function historyIndexed(item: WorkItem | undefined): boolean {
  return (item?.walk_passes ?? 0) !== 0;
}

export function walkStateItem(state: WalkState): WorkItem {
  return {
    id: WALK_STATE_ID,
    walk_cursor: state.cursor ?? "",
    walk_passes: state.passes,
    walk_pages: state.pages,
    walk_started_at: state.startedAt ?? 0,
    walk_finished_at: state.finishedAt ?? 0,
    walk_pass_lists: state.passLists === true,
    walk_lists_ready: state.listsReady === true,
  };
}

export interface WalkStep {
  client: SlackAPIClient;
  budget: CallBudget;
  now: number;
  autoCloseDays: number;
  /** The index as read this run; the walk adds what it writes. */
  entries: Map<string, WorkEntry>;
}

export interface WalkResult {
  state: WalkState;
  /** Entries and the state to write with the run's next work write. */
  pending: WorkItem[];
  walked: number;
}

/** Calls of each kind kept back for the rest of the run. */
const RESERVE = { query: 4, bulkGet: 12, bulkPut: 12 };
/** Seconds of the run's budget kept for notices and the rest. */
const TIME_RESERVE_MS = 5_000;

export async function walkHistory(
  step: WalkStep,
  walked: WalkState,
): Promise<WalkResult> {
  // A pass this version starts gives every entry the lists' fields.
  const state = walked.cursor ? walked : { ...walked, passLists: true };
  return state.passes === 0
    ? await indexingPass(step, state)
    : await checkingPage(step, state);
}

/** What a finished pass leaves known about the lists' fields. */
const listsAfterPass = (state: WalkState) => ({
  passLists: false,
  listsReady: state.listsReady === true || state.passLists === true,
});

/** As many pages of the first pass as the run can take. */
async function indexingPass(
  step: WalkStep,
  state: WalkState,
): Promise<WalkResult> {
  const { client, budget, now } = step;
  const rowsByDay = new Map<string, ReportRow[]>();
  let cursor = state.cursor;
  let pages = 0;
  let walked = 0;
  let passDone = false;
  const roomFor = (method: keyof typeof RESERVE, calls: number) =>
    budget.remaining(`apps.datastore.${method}`) - RESERVE[method] >= calls;
  while (budget.timeLeft() > TIME_RESERVE_MS && roomFor("query", 1)) {
    let page;
    try {
      page = await ticketPageAt(client, cursor);
    } catch (error) {
      if (!(error instanceof SlackCallError) || !cursor || pages > 0) {
        throw error;
      }
      // A cursor Slack no longer takes: this pass starts over, which only
      // repeats work already done.
      console.warn("walk cursor refused; starting the pass over", error);
      cursor = undefined;
      continue;
    }
    pages++;
    walked += page.tickets.length;
    for (const found of page.tickets) addRows(rowsByDay, found, now);
    const missing = page.tickets.filter(({ ticket }) =>
      !listedEntry(step.entries.get(ticket.id)) &&
      hasWorkLeft(ticket, step.now)
    ).map(({ ticket, rev }) => workEntryOf(ticket, rev));
    // Figures for all of the page are filed before the run ends, so the
    // entries are written as filed.
    const fits = Math.max(
      0,
      (budget.remaining("apps.datastore.bulkPut") - RESERVE.bulkPut) * 25,
    );
    const writing = missing.slice(0, fits);
    const failed = await putWorkItems(
      client,
      writing.map((entry) => workItemOf(entry, true)),
    );
    for (const entry of writing) {
      if (!failed.includes(entry.id)) {
        step.entries.set(entry.id, { ...entry, rolled_rev: entry.rev });
      }
    }
    // A page not fully indexed is read again by the next run, which skips
    // what this one wrote.
    if (writing.length < missing.length || failed.length) break;
    cursor = page.cursor;
    if (!cursor) {
      passDone = true;
      break;
    }
    if (!roomFor("bulkPut", 1) || !roomFor("bulkGet", 1)) break;
  }
  if (pages === 0) return { state, pending: [], walked };
  await fileRows(client, rowsByDay, now);
  const next: WalkState = passDone
    ? {
      passes: 1,
      pages: state.pages + pages,
      startedAt: state.startedAt ?? now,
      finishedAt: now,
      ...listsAfterPass(state),
    }
    : {
      ...state,
      cursor,
      pages: state.pages + pages,
      startedAt: state.startedAt ?? now,
    };
  const failed = await putWorkItems(client, [walkStateItem(next)]);
  if (failed.length) throw new Error("the walk's place was not saved");
  return { state: next, pending: [], walked };
}

/** An entry the lists can use: written since the list fields exist. */
const listedEntry = (entry: WorkEntry | undefined) =>
  entry !== undefined && !lacksListFields(entry);

/** One page of a later pass: entries missing or lagging are put right. */
async function checkingPage(
  step: WalkStep,
  state: WalkState,
): Promise<WalkResult> {
  const { client, now } = step;
  let page;
  try {
    page = await ticketPageAt(client, state.cursor);
  } catch (error) {
    if (!(error instanceof SlackCallError) || !state.cursor) throw error;
    console.warn("walk cursor refused; starting the pass over", error);
    page = { tickets: [], cursor: undefined };
  }
  const pending: WorkItem[] = [];
  for (const { ticket, rev } of page.tickets) {
    const entry = step.entries.get(ticket.id);
    // An entry from before the list fields, or before entries named their
    // ticket, lags too (see LIST_FIELDS, lacksName), while its ticket stays
    // indexed; a partial one is the run's to settle. Rewritten as not
    // filed, its report rows are filed again, named, by the next run.
    const lagging = entry && (rev > entry.rev ||
      ((lacksListFields(entry) || lacksName(entry)) && !isIncomplete(entry) &&
        hasWorkLeft(ticket, now)));
    if (lagging || (!entry && hasWorkLeft(ticket, step.now))) {
      // Written as not filed: the run files its figures like any change.
      const fixed = workEntryOf(ticket, rev);
      pending.push(workItemOf(fixed, false));
      step.entries.set(ticket.id, fixed);
    }
  }
  const next: WalkState = page.cursor
    ? { ...state, cursor: page.cursor, pages: state.pages + 1 }
    : {
      passes: state.passes + 1,
      pages: state.pages + 1,
      startedAt: state.startedAt,
      finishedAt: now,
      ...listsAfterPass(state),
    };
  if (pending.length) {
    console.warn(`the walk put back ${pending.length} open work entries`);
  }
  return {
    state: next,
    pending: [...pending, walkStateItem(next)],
    walked: page.tickets.length,
  };
}
