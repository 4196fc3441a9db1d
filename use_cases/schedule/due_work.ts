// Which open tickets a scheduled run has work on, read from the open work
// index alone (no ticket is read to decide): pure, so the run's plan is
// tested without a server.
import {
  autoCloseDue,
  hasWorkLeft,
  isIncomplete,
  jsmRetryDue,
  needsFiling,
  repairDue,
  slaCheckDue,
  threadNotesOwed,
  type WorkEntry,
  type WorkRules,
} from "../../helpdesk/tickets/open_work.ts";
import { POSTS_PER_CHANNEL } from "./sla_announcements.ts";

/** Tickets one run reads for due work: 12 bulk reads, 24 with re-reads. */
const MAX_READS = 300;
/** JSM retries one run hands on (the JSM step's own budget decides). */
const MAX_JSM_DUE = 50;

export interface DueWork {
  /** SLA checks, soonest first, then tickets with only replies owed. */
  sla: WorkEntry[];
  closing: WorkEntry[];
  repairing: WorkEntry[];
  /** Figures to file or finished entries to remove. */
  settle: WorkEntry[];
  /** Tickets whose JSM sync is due, longest waiting first. */
  jsmDue: string[];
  /** The tickets to read, most urgent first, at most MAX_READS. */
  wanted: string[];
  /** True when more tickets were due than one run reads. */
  leftUnread: boolean;
}

export function dueWork(entries: WorkEntry[], rules: WorkRules): DueWork {
  const sla = [
    ...entries.filter((e) => !isIncomplete(e) && slaCheckDue(e, rules))
      .sort((a, b) => (a.sla_next_check_at ?? 0) - (b.sla_next_check_at ?? 0)),
    ...onlyRepliesOwed(entries, rules),
  ];
  const closing = entries.filter((e) => autoCloseDue(e, rules));
  const repairing = entries.filter((e) => repairDue(e, rules));
  const settle = entries.filter((e) =>
    isIncomplete(e) || needsFiling(e) || !hasWorkLeft(e, rules.now)
  );
  const jsmDue = entries.filter((e) => jsmRetryDue(e, rules))
    .sort((a, b) => (a.jsm_retry_at ?? 0) - (b.jsm_retry_at ?? 0))
    .slice(0, MAX_JSM_DUE).map((e) => e.id);
  const due = [
    ...new Set([...sla, ...closing, ...repairing, ...settle].map((e) => e.id)),
  ];
  const wanted = due.slice(0, MAX_READS);
  return {
    sla,
    closing,
    repairing,
    settle,
    jsmDue,
    wanted,
    leftUnread: wanted.length < due.length,
  };
}

/**
 * Tickets with nothing due but thread replies still owed: only as many per
 * queue as its channel takes in a run, so draining a burst reads a few
 * tickets a run, not all of them.
 */
function onlyRepliesOwed(entries: WorkEntry[], rules: WorkRules) {
  const perQueue = new Map<string, number>();
  return entries.filter((e) => {
    if (isIncomplete(e) || slaCheckDue(e, rules) || !threadNotesOwed(e)) {
      return false;
    }
    const queue = e.queue_id ?? "";
    const taken = perQueue.get(queue) ?? 0;
    perQueue.set(queue, taken + 1);
    return taken < POSTS_PER_CHANNEL;
  });
}

/** Replies owed on tickets this run did not look at are owed still. */
export function repliesOwedElsewhere(
  entries: WorkEntry[],
  looked: ReadonlySet<string>,
): number {
  let owed = 0;
  for (const entry of entries) {
    if (!looked.has(entry.id)) owed += entry.sla_thread_owed?.length ?? 0;
  }
  return owed;
}
