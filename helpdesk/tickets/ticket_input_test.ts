import assert from "node:assert/strict";
import {
  DEFAULT_CATEGORY,
  LIMITS,
  type NewTicketInput,
  validateNewTicket,
} from "./ticket_input.ts";

const valid = { summary: "Need a monitor", requester: "U123" };

function problems(input: NewTicketInput) {
  const result = validateNewTicket(input);
  return result.ok ? [] : result.problems;
}

function value(input: NewTicketInput) {
  const result = validateNewTicket(input);
  if (!result.ok) assert.fail(result.problems.join(" "));
  return result.value;
}

Deno.test("a minimal ticket gets defaults", () => {
  assert.equal(DEFAULT_CATEGORY, "General");
  assert.deepEqual(value(valid), {
    summary: "Need a monitor",
    description: "",
    priority: "normal",
    category: "General",
    requester: "U123",
    source_channel: undefined,
  });
  assert.equal(value({ ...valid, category: " \n\t " }).category, "General");
  assert.equal(
    value({ ...valid, source_channel: "  " }).source_channel,
    undefined,
  );
});

Deno.test("the summary must say something", async (t) => {
  for (const summary of [undefined, "", " ", "\n\n", "\t \r\n "]) {
    await t.step(String(JSON.stringify(summary)), () => {
      assert.deepEqual(problems({ ...valid, summary }), [
        "The summary is empty: say in a few words what you need.",
      ]);
    });
  }
});

Deno.test("summary and category are one line; the description keeps its lines", () => {
  const v = value({
    ...valid,
    summary: "  Wi-Fi\n down \t again\r\n ",
    category: "\nAccess\n\nand   badges ",
    description: "\n  Line one\n\nLine two  \n",
  });
  assert.equal(v.summary, "Wi-Fi down again");
  assert.equal(v.category, "Access and badges");
  assert.equal(v.description, "Line one\n\nLine two");
});

Deno.test("limits: exactly at the limit passes, one more is refused with numbers", async (t) => {
  assert.deepEqual(LIMITS, { summary: 150, description: 2800, category: 50 });
  const cases = [
    ["summary", 150, "The summary is 151 characters; the limit is 150."],
    [
      "description",
      2800,
      "The description is 2,801 characters; the limit is 2,800.",
    ],
    ["category", 50, "The category is 51 characters; the limit is 50."],
  ] as const;
  for (const [field, limit, message] of cases) {
    await t.step(field, () => {
      assert.deepEqual(problems({ ...valid, [field]: "x".repeat(limit) }), []);
      assert.deepEqual(
        problems({ ...valid, [field]: "x".repeat(limit + 1) }),
        [message],
      );
      // Surrounding whitespace is trimmed before counting.
      assert.deepEqual(
        problems({ ...valid, [field]: ` ${"x".repeat(limit)}\n` }),
        [],
      );
      // Emoji count as one character each, as people count them.
      assert.deepEqual(problems({ ...valid, [field]: "🎫".repeat(limit) }), []);
      assert.deepEqual(
        problems({ ...valid, [field]: "🎫".repeat(limit + 1) }),
        [message],
      );
    });
  }
});

Deno.test("priority is one of the four, in any case", async (t) => {
  const accepted = [
    ["low", "low"],
    ["Normal", "normal"],
    ["HIGH", "high"],
    [" UrGeNt ", "urgent"],
  ];
  for (const [input, expected] of accepted) {
    await t.step(`accepts ${JSON.stringify(input)}`, () => {
      assert.equal(value({ ...valid, priority: input }).priority, expected);
    });
  }
  for (const input of ["asap", "critical", "normal!", "hi gh"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(problems({ ...valid, priority: input }), [
        `"${input}" is not a priority. Use one of: low, normal, high, urgent.`,
      ]);
    });
  }
});

Deno.test("requester and source channel must be Slack ids", async (t) => {
  for (const requester of ["U123", "W0ABC12", " U123 "]) {
    await t.step(`requester ${JSON.stringify(requester)} accepted`, () => {
      assert.equal(value({ ...valid, requester }).requester, requester.trim());
    });
  }
  for (
    const requester of [
      "",
      "U1",
      "u123",
      "<@U123>",
      "<!channel>",
      "C123",
      "U12-3",
    ]
  ) {
    await t.step(`requester ${JSON.stringify(requester)} refused`, () => {
      assert.deepEqual(problems({ ...valid, requester }), [
        "The requester must be a Slack user.",
      ]);
    });
  }
  assert.deepEqual(problems({ summary: "x" }), [
    "The requester must be a Slack user.",
  ]);
  for (const channel of ["C123", "G0AB", "D999"]) {
    await t.step(`channel ${channel} accepted`, () => {
      assert.equal(
        value({ ...valid, source_channel: channel }).source_channel,
        channel,
      );
    });
  }
  for (
    const channel of ["general", "#general", "<#C123>", "c123", "U123", "C1"]
  ) {
    await t.step(`channel ${JSON.stringify(channel)} refused`, () => {
      assert.deepEqual(problems({ ...valid, source_channel: channel }), [
        "The source channel must be a Slack channel.",
      ]);
    });
  }
});

Deno.test("every problem is reported at once", () => {
  assert.deepEqual(
    problems({
      summary: "\n",
      description: "d".repeat(2801),
      category: "c".repeat(51),
      priority: "x",
      requester: "nobody",
      source_channel: "general",
    }),
    [
      "The summary is empty: say in a few words what you need.",
      "The description is 2,801 characters; the limit is 2,800.",
      "The category is 51 characters; the limit is 50.",
      '"x" is not a priority. Use one of: low, normal, high, urgent.',
      "The requester must be a Slack user.",
      "The source channel must be a Slack channel.",
    ],
  );
});

Deno.test("an empty priority, as a blank Workflow Builder field sends, is normal", () => {
  const result = validateNewTicket({
    summary: "s",
    requester: "U123",
    priority: "  ",
  });
  assert.ok(result.ok);
  assert.equal(result.value.priority, "normal");
});
