// A ticket closed before its deadline with nothing done (its requester
// withdrew it, an approver denied it, an agent merged or closed it) never
// missed that target: the service levels stop its clocks at the close
// (helpdesk/tickets/service_levels.ts). The report must not count it as a
// missed first response or resolution once the deadline it kept passes.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { reportFor, reportFromEveryTicket } from "./ticket_report.ts";
import { runScheduledChecks } from "../schedule/scheduled_run.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";

const H = 3600;
const D = 24 * H;

Deno.test("a ticket closed before its deadlines, nothing done, missed none", async () => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const opened = now - 6 * D;
  const ticket = (id: string, changes: Partial<Ticket>, at: number) =>
    withServiceLevels(
      sampleTicket({
        id,
        key: `HD-${id}`,
        status: "closed",
        priority: "normal",
        created_at: opened,
        updated_at: at,
        closed_at: at,
        requester: PEOPLE.requester,
        ...changes,
      }),
      DEFAULT_SLA_POLICY,
      at,
    );
  // Withdrawn ten minutes after it was opened.
  const withdrawn = ticket(
    "WITHDRAWN1",
    { close_reason: "withdrawn" },
    opened + 600,
  );
  assert.ok(withdrawn.response_due_at! > opened + 600);
  assert.ok(withdrawn.resolution_due_at! < now, "its deadlines have passed");
  // Answered late, resolved late, then closed: both targets missed.
  const late = ticket("LATEONE001", {
    first_response_at: opened + 4 * D,
    resolved_at: opened + 4 * D + H,
  }, opened + 4 * D + 2 * H);
  assert.ok(late.first_response_at! > late.response_due_at!);
  for (const t of [withdrawn, late]) await putTicket(client, t);

  for (let run = 0; run < 10; run++) {
    const report = await runScheduledChecks(client, now, {
      channelIntervalMs: 0,
    });
    if (!report.indexing) break;
  }
  const period = lastDays(now, 7);
  for (
    const report of [
      await reportFor(client, period, now),
      await reportFromEveryTicket(client, period, now),
    ]
  ) {
    assert.equal(report.created, 2);
    assert.deepEqual(report.sla.firstResponse, {
      met: 0,
      missed: 1,
      percent: 0,
    });
    assert.deepEqual(report.sla.resolution, { met: 0, missed: 1, percent: 0 });
  }
});
