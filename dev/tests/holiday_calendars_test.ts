// Holidays through the functions that time tickets: a ticket's deadlines
// skip its queue's holidays (and not another queue's) when it is opened and
// whenever it changes, and a queue's new holidays reach its open tickets at
// the next scheduled check.
import assert from "node:assert/strict";
import {
  clientFor,
  defaultSettings,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import { click } from "../testing/queue_actions.ts";
import { saveSettings } from "../testing/settings_forms.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { findStoredQueue, putQueue } from "../../slack/storage/queue_store.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import sweep from "../../functions/service_level_sweep/handler.ts";
import { SWEEP_CALLBACK_ID } from "../../functions/service_level_sweep/definition.ts";

const at = (iso: string) => Date.parse(iso) / 1000;
/** Wednesday 24 December 2025, 10:00 UTC. */
const OPENED = Date.parse("2025-12-24T10:00:00Z");

Deno.test("holidays: the ticket's queue's calendar, plus the desk's", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const client = clientFor(slack);
  await putSettings(
    client,
    defaultSettings({
      admins: [PEOPLE.admin],
      business_hours: "Mon-Fri 09:00-17:00",
      time_zone: "UTC",
      sla_targets: "normal 4h/3d",
      // The desk's own, on a Tuesday.
      holidays: "2025-12-30",
      sla_updated_at: at("2025-12-01T00:00:00Z"),
    }),
  );
  await putQueue(client, {
    ...PEOPLE_QUEUE,
    holidays: "2025-12-24 to 2025-12-26 Office closed",
  });
  const open = async (queueId?: string) =>
    (await openTicket(
      client,
      {
        summary: "Desk lamp",
        description: "",
        priority: "normal",
        category: "General",
        requester: PEOPLE.requester,
      },
      "form",
      OPENED,
      queueId ? { queueId } : {},
    )).ticket;

  const people = await open(PEOPLE_QUEUE.id);
  const desk = await open();

  await t.step("opened: each queue's own calendar", () => {
    // People team: closed Wed-Fri, so Mon 29 09:00 + 4h.
    assert.equal(people.response_due_at, at("2025-12-29T13:00:00Z"));
    // Three business days: Mon 29, Wed 31 and Thu 1 January (Tuesday 30
    // is the desk's holiday, which the queue's tickets keep too).
    assert.equal(people.resolution_due_at, at("2026-01-01T17:00:00Z"));
    // The default queue works Wednesday to Friday.
    assert.equal(desk.response_due_at, at("2025-12-24T14:00:00Z"));
    // 7h Wed + 8h Thu + 8h Fri, then an hour on Monday.
    assert.equal(desk.resolution_due_at, at("2025-12-29T10:00:00Z"));
  });

  await t.step("changed on the card: still its queue's calendar", async () => {
    const result = await click(slack, people.id, "start", ROLE_PEOPLE.member);
    assert.equal(result.error, undefined, result.error);
    const after = await storedTicket(slack, people.id);
    assert.equal(after.status, "in_progress");
    assert.equal(after.resolution_due_at, at("2026-01-01T17:00:00Z"));
  });

  await t.step(
    "the queue's holidays removed by its form: the next check redoes its tickets",
    async () => {
      const saved = await saveSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        { holidays: "" },
      );
      assert.equal(saved.done, true, JSON.stringify(saved));
      const queue = (await findStoredQueue(client, PEOPLE_QUEUE.id))!;
      assert.equal(queue.holidays, undefined);
      assert.ok(queue.sla_updated_at! > at("2026-01-01T00:00:00Z"));
      const result = await sweep(functionContext(SWEEP_CALLBACK_ID, slack, {}));
      assert.equal(result.error, undefined);
      const after = await storedTicket(slack, people.id);
      // Now Wednesday to Friday count: the same as the default queue's.
      assert.equal(after.resolution_due_at, at("2025-12-29T10:00:00Z"));
    },
  );
});
