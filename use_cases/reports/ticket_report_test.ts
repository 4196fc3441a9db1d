// Reports from the filed figures and the open work give the same numbers as
// the exact computation over every ticket, on the same hand-built tickets:
// before and after they are filed, after reopening, re-resolving, rating,
// JSM updates, auto-close, the index dropping closed tickets, and on an
// install whose tickets predate the index.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Item } from "../../dev/testing/fake_slack/datastores.ts";
import {
  getTicketRevision,
  putTicket,
  toItem,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { awaitsIndex } from "../../helpdesk/similar/solved_tickets.ts";
import {
  workEntryFrom,
  type WorkItem,
} from "../../slack/storage/work_store.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { reportFor, reportFromEveryTicket } from "./ticket_report.ts";
import { runScheduledChecks } from "../schedule/scheduled_run.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import {
  PRIORITIES,
  type Status,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";

const D = 86_400;
const H = 3600;

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tickets of every kind over the last 120 days. */
function handBuilt(now: number, count: number, seed: number): Ticket[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(rand() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    // Half in the last fortnight, so the short reports have plenty to count.
    const created = Math.floor(now - rand() * (i % 2 ? 14 : 120) * D);
    const status = pick<Status>([
      "new",
      "in_progress",
      "waiting_on_requester",
      "resolved",
      "resolved",
      "closed",
      "closed",
      "closed",
    ]);
    const answered = status !== "new" || rand() < 0.2;
    const fr = answered
      ? Math.min(now - 60, created + Math.floor(rand() * 6 * H))
      : undefined;
    const done = status === "resolved" || (status === "closed" && rand() < 0.8);
    const resolved = done
      ? Math.min(now - 30, (fr ?? created) + Math.floor(rand() * 4 * D))
      : undefined;
    const rated = resolved !== undefined && rand() < 0.4
      ? Math.min(now - 10, resolved + Math.floor(rand() * D))
      : undefined;
    const base = sampleTicket({
      id: `01REPORT${seed}${String(i).padStart(5, "0")}`,
      key: `HD-R${seed}${i}`,
      status,
      priority: pick(PRIORITIES),
      created_at: created,
      updated_at: created,
      queue_id: pick(["default", "people-team"]),
      requester: PEOPLE.requester,
      ...(fr !== undefined ? { first_response_at: fr } : {}),
      ...(resolved !== undefined ? { resolved_at: resolved } : {}),
      ...(status === "closed"
        ? { closed_at: Math.min(now - 5, (resolved ?? fr ?? created) + H) }
        : {}),
      ...(rated !== undefined
        ? { rating: 1 + Math.floor(rand() * 5), rated_at: rated }
        : {}),
    });
    return withServiceLevels(base, DEFAULT_SLA_POLICY, created);
  });
}

async function assertSameReports(slack: FakeSlack, now: number, when: string) {
  const client = clientFor(slack);
  for (const days of [1, 7, 30, 90]) {
    const period = lastDays(now, days);
    assert.deepEqual(
      await reportFor(client, period, now),
      await reportFromEveryTicket(client, period, now),
      `${when}: the last ${days} days`,
    );
  }
}

/** Scheduled runs until every change is filed (or 30 runs). */
async function runUntilFiled(slack: FakeSlack, now: number) {
  for (let run = 0; run < 30; run++) {
    const report = await runScheduledChecks(clientFor(slack), now, {
      channelIntervalMs: 0,
    });
    const work = await slack.datastores.dump();
    const entries = work.ticket_work.filter((item) =>
      item.id !== "~history_walk"
    );
    const unfiled = entries.filter((item) => item.rev !== item.rolled_rev);
    // Solved tickets keep their entries until they join the similar
    // tickets index, a few a run.
    const unindexed = entries.filter((item) =>
      awaitsIndex(workEntryFrom(item as WorkItem))
    );
    if (!report.indexing && unfiled.length + unindexed.length === 0) {
      return run + 1;
    }
  }
  throw new Error("changes still unfiled after 30 runs");
}

Deno.test("reports from filed figures equal the exact computation over every ticket", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));

  // An install from before the index: items as the old version wrote them.
  const legacy = handBuilt(now, 150, 1).map((ticket) => {
    const { report_days: _days, ...item } = toItem(ticket);
    return item as Item;
  });
  for (const item of legacy) await slack.datastores.put("tickets", item);
  // And tickets written since, through the store.
  const current = handBuilt(now, 250, 2);
  for (const ticket of current) await putTicket(client, ticket);

  await t.step("once the first runs have indexed the install", async () => {
    const runs = await runUntilFiled(slack, now);
    assert.ok(runs >= 1);
    await assertSameReports(slack, now, "indexed");
  });

  const read = async (id: string) =>
    (await getTicketRevision(client, id))!.ticket;
  const ids = [...legacy.map((i) => String(i.id)), ...current.map((t) => t.id)];

  await t.step("right after changes, before any run files them", async () => {
    const changed = { reopened: 0, resolved: 0, rated: 0, jsm: 0 };
    for (const [i, id] of ids.entries()) {
      const ticket = await read(id);
      if (ticket.status === "resolved" && i % 2) {
        // Reopened: its resolution no longer counts anywhere.
        const reopened: Ticket = {
          ...ticket,
          status: "in_progress",
          updated_at: now - 60,
        };
        delete reopened.resolved_at;
        await putTicket(client, reopened);
        changed.reopened++;
      } else if (ticket.status === "in_progress" && i % 3 === 0) {
        await putTicket(client, {
          ...ticket,
          status: "resolved",
          resolved_at: now - 2 * H,
        });
        changed.resolved++;
      } else if (ticket.status === "closed" && !ticket.rating && i % 4 === 0) {
        await putTicket(client, { ...ticket, rating: 2, rated_at: now - H });
        changed.rated++;
      } else if (i % 10 === 0) {
        await updateTicketFields(client, id, { jsm_status: "In progress" });
        changed.jsm++;
      }
    }
    // Enough of each for the comparison to mean something.
    for (const [what, count] of Object.entries(changed)) {
      assert.ok(count >= 5, `${count} ${what}`);
    }
    await assertSameReports(slack, now, "unfiled changes");
  });

  await t.step(
    "after the runs have filed them and dropped finished work",
    async () => {
      await runUntilFiled(slack, now);
      await assertSameReports(slack, now, "filed");
      const { ticket_work } = await slack.datastores.dump();
      const open =
        ticket_work.filter((i) =>
          ["new", "in_progress", "waiting_on_requester", "resolved"].includes(
            String(i.status),
          ) || (i.status === "closed" && Number(i.closed_at) >= now - 30 * D)
        ).length;
      // Tickets closed earlier left the index: it holds the open work,
      // resolved tickets, and those closed lately (My tickets shows them),
      // not the history.
      assert.ok(
        ticket_work.length - 1 <= open + 5,
        `${ticket_work.length - 1} entries for ${open} open`,
      );
    },
  );

  await t.step("a day later, after auto-close", async () => {
    const later = now + D;
    // Reopened tickets closed without a new resolution leave the index:
    // the rows filed when they were resolved must not count any more.
    let closed = 0;
    for (const id of ids) {
      const ticket = await read(id);
      if (ticket.status !== "in_progress" || !ticket.report_days?.length) {
        continue;
      }
      if (ticket.resolved_at !== undefined) continue;
      await putTicket(client, {
        ...ticket,
        status: "closed",
        closed_at: later - H,
        updated_at: later - H,
      });
      closed++;
    }
    assert.ok(closed >= 5, `${closed} closed`);
    await runUntilFiled(slack, later);
    await assertSameReports(slack, later, "a day later");
  });
});
