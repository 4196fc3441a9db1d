// Erasing a person, in the scheduled run (asked for by one of Helpdesk's
// admins: use_cases/settings/erasure_request.ts). Bounded work a run, the
// oldest request first, its progress saved after every ticket so that a
// run stopped midway loses nothing and does nothing twice:
//   "open":   the open work index's tickets, in id order from a cursor,
//             READ_PER_RUN read and ERASED_PER_RUN changed a run at most;
//   "closed": the tickets the closed-tickets index files under the person
//             (slack/storage/person_lists.ts: the newest parts of their
//             list first, READ_PER_RUN a run), each forgotten once done,
//             until none is left and the index's catch-up is over;
//   "recent": a last look at the open work index's tickets changed since
//             the erasure was asked (their entry's revision is later), so
//             that a ticket the person opened or wrote in meanwhile, which
//             the cursor had passed, is not missed. A look that finds
//             something goes round again (closed, then recent) over what
//             changed since it began, MAX_PASSES times at most;
//   "receipt": the admin's receipt by DM, then "done". It says when the
//             last look began: what the person writes after is theirs.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { WorkEntry } from "../../helpdesk/tickets/open_work.ts";
import { peopleOf } from "../../helpdesk/tickets/retention.ts";
import { type CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  personTicketPage,
  removeFromPersonLists,
} from "../../slack/storage/person_lists.ts";
import {
  type Erasure,
  getCatchUp,
  pendingErasures,
  putErasure,
} from "../../slack/storage/erasure_store.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import { revisionAt } from "../../slack/storage/ticket_store.ts";
import { erasureReceipt } from "../../slack/blocks/erasure_messages.ts";
import {
  eraseFromTicket,
  type EraseOutcome,
} from "../changes/ticket_erasure.ts";
import { PURGE_CALLS, roomFor } from "./retention.ts";
import { forgetToldBy } from "./told_expiry.ts";
import type { PhaseResult } from "./run_report.ts";

/** Tickets an erasure changes per run, at most. */
export const ERASED_PER_RUN = 10;
/** Tickets an erasure reads per run, at most (four bulk reads). */
export const READ_PER_RUN = 100;
/** Runs that try one ticket before the receipt reports it not erased. */
export const MAX_ATTEMPTS = 3;
/** Keys a receipt lists of each kind; the counts are always whole. */
export const LISTED_KEYS = 100;
/**
 * Last looks at what changed while the erasure ran, at most: a person who
 * keeps writing could keep it going forever; the receipt then says so.
 */
export const MAX_PASSES = 3;

export async function eraseDue(
  client: SlackAPIClient,
  budget: CallBudget,
  settings: HelpdeskSettings,
  entries: ReadonlyMap<string, WorkEntry>,
  now: number,
): Promise<PhaseResult> {
  const [job] = await pendingErasures(client);
  if (!job) return { part: {}, cutShort: false, wrote: [] };
  const run = new ErasureRun(client, budget, settings, job, now);
  try {
    if (job.stage === "open") await run.openTickets(entries);
    if (job.stage === "closed") await run.closedTickets(entries);
    if (job.stage === "recent") await run.openTickets(entries);
    if (job.stage === "receipt") await run.receipt();
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    return run.result(true, error);
  }
  return run.result(job.stage !== "done");
}

class ErasureRun {
  erased = 0;
  wrote: string[] = [];
  failures: { key: string; error: unknown }[] = [];

  constructor(
    readonly client: SlackAPIClient,
    readonly budget: CallBudget,
    readonly settings: HelpdeskSettings,
    readonly job: Erasure,
    readonly now: number,
  ) {}

  result(cutShort: boolean, stopped?: unknown): PhaseResult {
    return {
      part: { erased: this.erased, failures: this.failures },
      cutShort,
      wrote: this.wrote,
      ...(stopped ? { stopped } : {}),
    };
  }

  /** Room for one more ticket in this run. */
  #room() {
    return this.erased < ERASED_PER_RUN && roomFor(this.budget, PURGE_CALLS);
  }

  /**
   * One ticket erased and the job saved with what was done. False: not
   * done (busy, or its threads longer than a run reads), to be tried again.
   */
  async #erase(id: string, ticket: Parameters<typeof eraseFromTicket>[2]) {
    let outcome: EraseOutcome;
    try {
      outcome = await eraseFromTicket(
        this.client,
        this.settings,
        ticket,
        this.job.user,
        this.now,
      );
    } catch (error) {
      if (isCarryOver(error)) throw error;
      this.failures.push({ key: ticket.key, error });
      // Tried again by the next runs; after MAX_ATTEMPTS, told in the
      // receipt and left for another request.
      const attempts = (this.job.attempts?.[id] ?? 0) + 1;
      this.job.attempts = { ...this.job.attempts, [id]: attempts };
      if (attempts < MAX_ATTEMPTS) return false;
      this.job.failed = [...this.job.failed ?? [], ticket.key];
      this.job.skipped = [...this.job.skipped ?? [], id];
      return true;
    }
    this.erased++;
    this.wrote.push(id);
    if (outcome.kind === "busy" || outcome.kind === "unfinished") return false;
    if (outcome.kind === "purged" || outcome.kind === "cleaned") {
      const list = outcome.kind === "purged" ? "purged" : "cleaned";
      // A ticket they wrote in again while it ran is cleaned twice, and
      // counted once (as far as the listed keys tell).
      if (!this.job[list].includes(outcome.key)) {
        if (this.job[list].length < LISTED_KEYS) {
          this.job[list].push(outcome.key);
        }
        this.job.counts[list]++;
      }
      this.job.replaced += outcome.replaced;
      this.job.uneditable += outcome.uneditable;
    }
    return true;
  }

  async #save() {
    await putErasure(this.client, this.job);
  }

  /**
   * The open work index's tickets from the cursor on: all of them
   * ("open"), or those changed since `job.since` ("recent").
   */
  async openTickets(entries: ReadonlyMap<string, WorkEntry>) {
    const { job } = this;
    const recent = job.stage === "recent";
    const since = job.since ?? "";
    // A ticket given up on (told in the receipt) is not tried again.
    const skipped = new Set(job.skipped ?? []);
    const ids = [...entries.values()].filter((entry) =>
      (job.cursor === undefined || entry.id > job.cursor) &&
      (!recent || (entry.rev >= since && !skipped.has(entry.id)))
    ).map((entry) => entry.id).sort();
    const batch = ids.slice(0, READ_PER_RUN);
    const read = await ticketsById(this.client, batch);
    for (const id of batch) {
      const ticket = read.get(id)?.ticket;
      if (ticket && peopleOf(ticket).includes(job.user)) {
        if (!this.#room()) return await this.#save();
        const done = await this.#erase(id, ticket);
        if (!done) return await this.#save();
        if (recent) job.found = true;
        job.cursor = id;
        await this.#save();
        continue;
      }
      job.cursor = id;
    }
    if (batch.length === ids.length) {
      delete job.cursor;
      if (!recent) job.stage = "closed";
      else if (job.found && (job.passes ?? 0) < MAX_PASSES) {
        // Something of theirs changed while the erasure ran: once more,
        // over what changed since this look began.
        job.stage = "closed";
        job.since = job.next_since;
      } else {
        if (job.found) job.unsettled = true;
        job.stage = "receipt";
        job.finished_at = this.now;
      }
    }
    await this.#save();
  }

  /** The start of a last look: what it covers, and where the next starts. */
  #beginLook(entries: ReadonlyMap<string, WorkEntry>) {
    const { job } = this;
    job.stage = "recent";
    job.since ??= revisionAt(job.requested_at * 1000);
    job.next_since = [...entries.values()].reduce(
      (newest, entry) => entry.rev > newest ? entry.rev : newest,
      job.since,
    );
    job.passes = (job.passes ?? 0) + 1;
    job.looked_at = this.now;
    job.found = false;
    delete job.cursor;
  }

  async closedTickets(entries: ReadonlyMap<string, WorkEntry>) {
    const { job } = this;
    const page = await personTicketPage(
      this.client,
      job.user,
      READ_PER_RUN,
      new Set(job.skipped ?? []),
    );
    const todo = page.ids.slice(0, READ_PER_RUN);
    const read = await ticketsById(this.client, todo);
    const forget = new Set<string>();
    let left = false;
    try {
      for (const id of todo) {
        const ticket = read.get(id)?.ticket;
        if (!ticket || !peopleOf(ticket).includes(job.user)) {
          forget.add(id);
          continue;
        }
        if (!this.#room()) {
          left = true;
          break;
        }
        const done = await this.#erase(id, ticket);
        if (job.passes) job.found = true;
        if (done && !(job.skipped ?? []).includes(id)) forget.add(id);
        if (!done) left = true;
        await this.#save();
      }
    } finally {
      await removeFromPersonLists(this.client, new Map([[job.user, forget]]));
    }
    const more = !page.complete ||
      page.ids.some((id) =>
        !(job.skipped ?? []).includes(id) && !forget.has(id)
      );
    // Tickets closed before the index existed join it through its
    // catch-up: the erasure ends only once that is over.
    if (!left && !more && (await getCatchUp(this.client)).done) {
      this.#beginLook(entries);
      await this.#save();
    }
  }

  async receipt() {
    // Whom a :ticket: run told no ticket was made: kept for an hour at
    // most, and not even that for them. Again if this run stops here.
    await forgetToldBy(this.client, this.job.user, this.now);
    await slackCall(this.client, "chat.postMessage", {
      channel: this.job.by,
      ...erasureReceipt(this.job),
      unfurl_links: false,
    });
    this.job.stage = "done";
    await this.#save();
  }
}
