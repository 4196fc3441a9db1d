import assert from "node:assert/strict";
import { LIMITS, validateNewTicket } from "./ticket_input.ts";

const valid = { summary: "Need a monitor", requester: "U123" };

function problems(input: Record<string, string>) {
  const result = validateNewTicket(input);
  return result.ok ? [] : result.problems;
}

Deno.test("a minimal ticket gets defaults", () => {
  const result = validateNewTicket(valid);
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    summary: "Need a monitor",
    description: "",
    priority: "normal",
    category: "General",
    requester: "U123",
    source_channel: undefined,
  });
});

Deno.test("the summary is one line and must say something", () => {
  const result = validateNewTicket({
    ...valid,
    summary: "  Wi-Fi\n down \t again ",
  });
  assert.ok(result.ok);
  assert.equal(result.value.summary, "Wi-Fi down again");
  assert.match(
    problems({ ...valid, summary: " \n\t " })[0],
    /summary is empty/,
  );
});

Deno.test("limits: exactly at the limit passes, one more is refused with numbers", () => {
  for (const field of ["summary", "description", "category"] as const) {
    const limit = LIMITS[field];
    assert.deepEqual(
      problems({ ...valid, [field]: "x".repeat(limit) }),
      [],
      field,
    );
    const [problem] = problems({ ...valid, [field]: "x".repeat(limit + 1) });
    assert.equal(
      problem,
      `The ${field} is ${
        (limit + 1).toLocaleString("en-US")
      } characters; the limit is ${limit.toLocaleString("en-US")}.`,
    );
  }
  // Emoji count as one character each, as people count them.
  assert.deepEqual(
    problems({ ...valid, summary: "🎫".repeat(LIMITS.summary) }),
    [],
  );
});

Deno.test("priority, requester and channel are checked", () => {
  const ok = validateNewTicket({ ...valid, priority: " URGENT " });
  assert.ok(ok.ok);
  assert.equal(ok.value.priority, "urgent");
  assert.match(
    problems({ ...valid, priority: "asap" })[0],
    /"asap" is not a priority. Use one of: low, normal, high, urgent/,
  );
  assert.match(
    problems({ ...valid, requester: "<!channel>" })[0],
    /requester must be a Slack user/,
  );
  assert.match(
    problems({ ...valid, source_channel: "general" })[0],
    /source channel/,
  );
});

Deno.test("every problem is reported at once", () => {
  assert.equal(
    problems({ summary: "", priority: "x", requester: "" }).length,
    3,
  );
});
