import assert from "node:assert/strict";
import {
  checkServiceLevelForm,
  policyFromSettings,
} from "./service_level_settings.ts";
import { DEFAULT_SLA_POLICY } from "../service_levels/sla_policy.ts";
import { autoClose } from "./auto_close.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";

Deno.test("empty settings mean the default service levels", () => {
  assert.deepEqual(policyFromSettings({}), {
    ...DEFAULT_SLA_POLICY,
    businessHours: undefined,
  });
  const checked = checkServiceLevelForm({});
  assert.ok(checked.ok);
  assert.deepEqual(checked.value, {
    sla_targets: "urgent 30m/4h, high 1h/1d, normal 4h/3d, low 1d/5d",
    sla_request_types: undefined,
    business_hours: undefined,
    holidays: undefined,
    time_zone: "UTC",
    sla_warn_percent: 80,
    auto_close_days: 7,
    reopen_days: 14,
    owner: undefined,
  });
});

Deno.test("stored settings become a policy with business days and categories", () => {
  const policy = policyFromSettings({
    sla_targets: "normal 4h/2d",
    sla_request_types: "Access: normal 30m/-\nHardware: urgent 1h/1d",
    business_hours: "Mon-Fri 09:00-17:00",
    time_zone: "America/New_York",
    sla_warn_percent: 90,
  });
  assert.equal(policy.warnAt, 0.9);
  assert.equal(policy.businessHours?.timeZone, "America/New_York");
  assert.deepEqual(policy.byPriority.normal, {
    firstResponseMinutes: 240,
    resolutionMinutes: 960, // two 8-hour business days
  });
  assert.deepEqual(policy.byRequestType, {
    access: { normal: { firstResponseMinutes: 30 } },
    hardware: { urgent: { firstResponseMinutes: 60, resolutionMinutes: 480 } },
  });
});

Deno.test("every bad field is reported at once, under its own name", () => {
  const checked = checkServiceLevelForm({
    request_types: "urgent 5m/1h",
    business_hours: "Mon-Fri 17:00-09:00",
    warn_percent: "0",
    auto_close_days: "-1",
    reopen_days: "a fortnight",
  });
  assert.equal(checked.ok, false);
  assert.deepEqual(Object.keys((checked as { problems: object }).problems), [
    "business_hours",
    "request_types",
    "warn_percent",
    "auto_close_days",
    "reopen_days",
  ]);
});

Deno.test("auto-close: only resolved tickets, only once the days have passed", () => {
  const DAY = 86_400;
  const resolved = sampleTicket({ status: "resolved", resolved_at: 1000 });
  assert.equal(autoClose(resolved, 7, 1000 + 7 * DAY - 1), undefined);
  const closed = autoClose(resolved, 7, 1000 + 7 * DAY)!;
  assert.equal(closed.ticket.status, "closed");
  assert.equal(closed.ticket.closed_at, 1000 + 7 * DAY);
  assert.deepEqual(closed.statusChange, { from: "resolved", to: "closed" });
  assert.equal(closed.actorId, undefined);
  assert.equal(autoClose(resolved, 0, 1e12), undefined, "0 days: never");
  assert.equal(
    autoClose(sampleTicket({ status: "in_progress" }), 7, 1e12),
    undefined,
  );
});

Deno.test("holidays: the desk's in the form, each queue's beside them", async (t) => {
  await t.step("checked with the rest of the form", () => {
    const bad = checkServiceLevelForm({
      business_hours: "Mon-Fri 09:00-17:00",
      holidays: "2026-12-25\nBoxing Day",
    });
    assert.equal(bad.ok, false);
    assert.match(
      (bad as { problems: Record<string, string> }).problems.holidays!,
      /"Boxing Day" does not start with a date/,
    );
    const aroundTheClock = checkServiceLevelForm({ holidays: "2026-12-25" });
    assert.equal(aroundTheClock.ok, false);
    assert.match(
      (aroundTheClock as { problems: Record<string, string> }).problems
        .holidays!,
      /only with business hours/,
    );
    const good = checkServiceLevelForm({
      business_hours: "Mon-Fri 09:00-17:00",
      time_zone: "Europe/Paris",
      holidays: "2026-12-25 Christmas",
    });
    assert.ok(good.ok);
    assert.equal(good.value.holidays, "2026-12-25 Christmas", "kept as typed");
    assert.equal(good.policy.businessHours?.holidays?.length, 1);
  });

  await t.step("the policy carries each queue's own holidays", () => {
    const policy = policyFromSettings(
      {
        business_hours: "Mon-Fri 09:00-17:00",
        holidays: "2026-12-25",
      },
      [
        { id: "people-team", holidays: "2026-12-24\n2026-12-31" },
        { id: "facilities" },
        // Saved by hand or by an older version: left out, not fatal.
        { id: "broken", holidays: "sometime in May" },
      ],
    );
    assert.equal(policy.businessHours?.holidays?.length, 1);
    assert.deepEqual(Object.keys(policy.queueHolidays ?? {}), ["people-team"]);
    assert.equal(policy.queueHolidays?.["people-team"].length, 2);
  });
});
