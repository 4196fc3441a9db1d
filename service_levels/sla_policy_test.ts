import assert from "node:assert/strict";
import {
  DEFAULT_SLA_POLICY,
  formatTargets,
  parseDuration,
  parseTargets,
  targetsFor,
} from "./sla_policy.ts";
import { parseBusinessHours } from "./business_hours.ts";

const office = (parseBusinessHours("Mon-Fri 09:00-17:00", "UTC") as {
  value: Parameters<typeof parseDuration>[1];
}).value;

Deno.test("durations: m, h and d, a d being a business day with business hours", () => {
  assert.equal(parseDuration("45m"), 45);
  assert.equal(parseDuration("1h30m"), 90);
  assert.equal(parseDuration("2d"), 2880);
  assert.equal(parseDuration("2d", office), 960); // two 8-hour days
  assert.equal(parseDuration("1d4h", office), 720);
  for (const bad of ["", "0m", "4", "h", "1.5h", "-1h", "4 hours"]) {
    assert.equal(parseDuration(bad), undefined, bad);
  }
});

Deno.test("targets are parsed, checked and written back", () => {
  const result = parseTargets(
    "urgent 30m/4h; high 1h/1d\nnormal 4h/-, low -/5d",
  );
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
    normal: { firstResponseMinutes: 240 },
    low: { resolutionMinutes: 7200 },
  });
  assert.equal(
    formatTargets(result.value),
    "urgent 30m/4h, high 1h/1d, normal 4h/-, low -/5d",
  );
  assert.equal(
    formatTargets(DEFAULT_SLA_POLICY.byPriority),
    "urgent 30m/4h, high 1h/1d, normal 4h/3d, low 1d/5d",
  );
  const business = parseTargets("normal 4h/3d", office);
  assert.ok(business.ok);
  assert.equal(business.value.normal.resolutionMinutes, 3 * 480);
  assert.equal(
    formatTargets(business.value, office),
    "urgent -/-, high -/-, normal 4h/3d, low -/-",
  );
});

Deno.test("bad targets name the entry at fault", () => {
  const problem = (text: string) => {
    const result = parseTargets(text);
    assert.equal(result.ok, false, text);
    return (result as { problem: string }).problem;
  };
  assert.equal(
    problem("critical 10m/1h"),
    '"critical" is not a priority. Use low, normal, high, urgent.',
  );
  assert.equal(
    problem("urgent 30m"),
    '"urgent 30m" should be a priority, then first response / resolution, e.g. "urgent 30m/4h, high 1h/1d".',
  );
  assert.equal(
    problem("urgent 30x/4h"),
    '"30x" (urgent) is not a duration. Use m, h and d, like 45m, 4h, 1h30m or 2d; "-" for no target.',
  );
  assert.equal(problem("high 1h/1d, high 2h/2d"), "high is given twice.");
  assert.equal(
    problem("high 4h/1h"),
    "high: the resolution target (1h) is shorter than the first-response target (4h).",
  );
});

Deno.test("a request type's targets replace the priority's, field by field", () => {
  const policy = {
    ...DEFAULT_SLA_POLICY,
    byRequestType: { access: { urgent: { firstResponseMinutes: 10 } } },
  };
  assert.deepEqual(targetsFor(policy, "urgent", " Access "), {
    firstResponseMinutes: 10,
    resolutionMinutes: 240,
  });
  assert.deepEqual(
    targetsFor(policy, "high", "Access"),
    DEFAULT_SLA_POLICY.byPriority.high,
  );
  assert.deepEqual(
    targetsFor(policy, "urgent", "Hardware"),
    DEFAULT_SLA_POLICY.byPriority.urgent,
  );
});
