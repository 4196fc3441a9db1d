import assert from "node:assert/strict";
import {
  DEFAULT_SLA_POLICY,
  formatDuration,
  formatTargets,
  parseDuration,
  parseTargets,
  type SlaPolicy,
  targetsFor,
} from "./sla_policy.ts";
import type { BusinessHours } from "./business_hours.ts";
import { hours } from "../../dev/testing/calendars.ts";

const utcHours = (text: string) => hours(text, "UTC");

const office = utcHours("Mon-Fri 09:00-17:00"); // 8-hour business days
const shortDays = utcHours("Mon-Fri 08:30-16:00"); // 7h30m business days

function targets(text: string, businessHours?: BusinessHours) {
  const result = parseTargets(text, businessHours);
  if (!result.ok) assert.fail(result.problem);
  return result.value;
}

function problem(text: string) {
  const result = parseTargets(text);
  if (result.ok) assert.fail(`${text} was accepted`);
  return result.problem;
}

Deno.test("the default policy runs around the clock", () => {
  assert.equal(DEFAULT_SLA_POLICY.businessHours, undefined);
  assert.equal(DEFAULT_SLA_POLICY.warnAt, 0.8);
  assert.deepEqual(DEFAULT_SLA_POLICY.byPriority, {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 24 * 60 },
    normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 24 * 60 },
    low: { firstResponseMinutes: 24 * 60, resolutionMinutes: 5 * 24 * 60 },
  });
});

Deno.test("durations: m, h and d, a d being a business day with business hours", async (t) => {
  await t.step("around the clock", () => {
    assert.equal(parseDuration("45m"), 45);
    assert.equal(parseDuration("1h30m"), 90);
    assert.equal(parseDuration("1h 30m"), 90);
    assert.equal(parseDuration(" 4H "), 240);
    assert.equal(parseDuration("2d"), 2 * 1440);
    assert.equal(parseDuration("90m"), 90);
  });
  await t.step("with business hours", () => {
    assert.equal(parseDuration("2d", office), 2 * 480);
    assert.equal(parseDuration("1d4h", office), 480 + 240);
    assert.equal(parseDuration("1d", shortDays), 450);
  });
  await t.step("what is not a duration", () => {
    for (
      const bad of [
        "",
        "0m",
        "0d0h",
        "4",
        "h",
        "1.5h",
        "-1h",
        "4 hours",
        "1m1h",
      ]
    ) {
      assert.equal(parseDuration(bad), undefined, bad);
    }
  });
  await t.step("written back in the largest units", () => {
    assert.equal(formatDuration(90), "1h30m");
    assert.equal(formatDuration(1440 + 61), "1d1h1m");
    assert.equal(formatDuration(480, office), "1d");
    assert.equal(formatDuration(600, shortDays), "1d2h30m"); // 450 + 150
    for (const minutes of [1, 59, 60, 61, 449, 450, 451, 1439, 1440, 9999]) {
      for (const businessHours of [undefined, office, shortDays]) {
        const text = formatDuration(minutes, businessHours);
        assert.equal(parseDuration(text, businessHours), minutes, text);
      }
    }
  });
});

Deno.test("targets are parsed and written back", async (t) => {
  await t.step("commas, semicolons, new lines and no-target dashes", () => {
    const value = targets("urgent 30m/4h; high 1h/1d\nnormal 4h/-, low -/5d");
    assert.deepEqual(value, {
      urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
      high: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
      normal: { firstResponseMinutes: 240 },
      low: { resolutionMinutes: 7200 },
    });
    assert.equal(
      formatTargets(value),
      "urgent 30m/4h, high 1h/1d, normal 4h/-, low -/5d",
    );
  });
  await t.step("colons, capitals, spaces, and priorities left out", () => {
    assert.deepEqual(targets("Urgent: 1h 30m / 1d 4h\n\n"), {
      urgent: { firstResponseMinutes: 90, resolutionMinutes: 1680 },
      high: {},
      normal: {},
      low: {},
    });
    assert.deepEqual(targets(""), {
      urgent: {},
      high: {},
      normal: {},
      low: {},
    });
  });
  await t.step("the defaults read as admins would write them", () => {
    const text = formatTargets(DEFAULT_SLA_POLICY.byPriority);
    assert.equal(text, "urgent 30m/4h, high 1h/1d, normal 4h/3d, low 1d/5d");
    assert.deepEqual(targets(text), DEFAULT_SLA_POLICY.byPriority);
  });
  await t.step("with business hours a d is a business day", () => {
    // 3d = three 7h30m days = 1350 minutes, not 72 hours.
    const value = targets("normal 4h/3d, low 1d/5d", shortDays);
    assert.deepEqual(value.normal, {
      firstResponseMinutes: 240,
      resolutionMinutes: 1350,
    });
    assert.equal(value.low.resolutionMinutes, 5 * 450);
    assert.equal(
      formatTargets(value, shortDays),
      "urgent -/-, high -/-, normal 4h/3d, low 1d/5d",
    );
  });
});

Deno.test("bad targets name the entry at fault", () => {
  const cases: [string, string][] = [
    [
      "critical 10m/1h",
      '"critical 10m/1h": "critical" is not a priority: use urgent, high, normal or low, e.g. "urgent 30m/4h, high 1h/1d".',
    ],
    [
      "high 1h/1d, urgent 30m",
      '"urgent 30m": write a priority, then first response / resolution, e.g. "urgent 30m/4h, high 1h/1d".',
    ],
    [
      "urgent 30x/4h",
      '"urgent 30x/4h": "30x" is not a duration: use m, h and d, like 45m, 4h, 1h30m or 2d, or "-" for no target.',
    ],
    [
      "urgent 0m/4h",
      '"urgent 0m/4h": "0m" is not a duration: use m, h and d, like 45m, 4h, 1h30m or 2d, or "-" for no target.',
    ],
    [
      "high 1h/1d, high 2h/2d",
      '"high 2h/2d": high is given twice: give each priority once.',
    ],
    [
      "high 4h/1h",
      '"high 4h/1h": the resolution target (1h) is shorter than the first-response target (4h), e.g. "urgent 30m/4h, high 1h/1d".',
    ],
  ];
  for (const [text, expected] of cases) assert.equal(problem(text), expected);
});

Deno.test("a request type's targets replace the priority's, field by field", () => {
  const policy: SlaPolicy = {
    ...DEFAULT_SLA_POLICY,
    byRequestType: {
      access: { urgent: { firstResponseMinutes: 10 } },
      " Hardware ": { high: { resolutionMinutes: 120 } },
    },
  };
  assert.deepEqual(targetsFor(policy, "urgent", " ACCESS "), {
    firstResponseMinutes: 10,
    resolutionMinutes: 240,
  });
  assert.deepEqual(targetsFor(policy, "high", "hardware"), {
    firstResponseMinutes: 60,
    resolutionMinutes: 120,
  });
  // Priorities and request types without an override keep the defaults.
  assert.deepEqual(
    targetsFor(policy, "high", "Access"),
    DEFAULT_SLA_POLICY.byPriority.high,
  );
  assert.deepEqual(
    targetsFor(policy, "urgent", "Software"),
    DEFAULT_SLA_POLICY.byPriority.urgent,
  );
  assert.deepEqual(
    targetsFor(policy, "urgent", "  "),
    DEFAULT_SLA_POLICY.byPriority.urgent,
  );
  assert.deepEqual(
    targetsFor(policy, "urgent"),
    DEFAULT_SLA_POLICY.byPriority.urgent,
  );
});
