import assert from "node:assert/strict";
import { blockKitProblems } from "../../dev/testing/fake_slack/block_kit_limits.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import {
  computeReport,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";
import { reportBlocks, reportText } from "./report_blocks.ts";
import {
  contextOf,
  fieldsOf,
  headerOf,
  NOW,
  REPORT,
} from "../../dev/testing/report_fixtures.ts";

const EMPTY = computeReport([], REPORT.period, NOW);

Deno.test("a hostile title cannot ping or link", async (t) => {
  const hostile = "<!channel> & *x*";

  await t.step("the header shows it as plain text, unparsed", () => {
    assert.deepEqual(headerOf(reportBlocks(REPORT, hostile)), {
      type: "plain_text",
      text: hostile,
    });
  });

  await t.step("the notification text, which is mrkdwn, escapes it", () => {
    const text = reportText(REPORT, hostile);
    assert.ok(
      text.startsWith("&lt;!channel&gt; &amp; *x*: 1,234 created"),
      text,
    );
    assert.ok(!text.includes("<!channel>"));
  });

  await t.step("no hostile text reaches any mrkdwn", () => {
    for (const title of HOSTILE_TEXT) {
      assert.ok(isInert(reportText(REPORT, title)), title);
      const blocks = reportBlocks(REPORT, title);
      assert.equal(headerOf(blocks).type, "plain_text");
      // Only the report's own dates may use <…> in the context.
      const context = contextOf(blocks).replace(
        /<!date\^\d+\^[^|<>]+\|[^<>]*>/g,
        "",
      );
      assert.ok(isInert(context), context);
      for (const value of fieldsOf(blocks).values()) {
        assert.ok(isInert(value), value);
      }
    }
  });
});

Deno.test("the report stays within Block Kit's limits", async (t) => {
  await t.step("known and empty reports are valid", () => {
    assert.deepEqual(blockKitProblems(reportBlocks(REPORT, "Weekly")), []);
    assert.deepEqual(blockKitProblems(reportBlocks(EMPTY, "Weekly")), []);
  });

  await t.step("a long title is cut to the header's 150 characters", () => {
    const title = "🎫 Weekly report ".repeat(20); // 340 code points
    const blocks = reportBlocks(REPORT, title);
    assert.deepEqual(blockKitProblems(blocks), []);
    const header = headerOf(blocks).text;
    assert.ok([...header].length <= 150 && header.endsWith("…"), header);
    assert.ok([...reportText(REPORT, title)].length < 300);
  });

  await t.step(
    "a blank title gets a default, as a header may not be empty",
    () => {
      const blocks = reportBlocks(REPORT, "   ");
      assert.deepEqual(blockKitProblems(blocks), []);
      assert.equal(headerOf(blocks).text, "Helpdesk report");
      assert.match(reportText(REPORT, ""), /^Helpdesk report: /);
    },
  );

  await t.step(
    "enormous numbers keep to the block, field and text limits",
    () => {
      const huge = 1e15;
      const big: TicketReport = {
        ...REPORT,
        created: huge,
        resolved: huge,
        backlog: {
          total: huge,
          byStatus: {
            new: huge,
            in_progress: huge,
            waiting_on_requester: huge,
          },
          byPriority: { low: huge, normal: huge, high: huge, urgent: huge },
        },
        firstResponse: { count: huge, median: huge, p90: huge },
        sla: {
          firstResponse: { met: huge, missed: huge, percent: 50 },
          resolution: { met: huge, missed: 1, percent: 99.9 },
        },
      };
      const blocks = reportBlocks(big, "x".repeat(1000));
      assert.deepEqual(blockKitProblems(blocks), []);
      assert.ok(blocks.length <= 50);
      for (const block of blocks) {
        if (block.type === "section") {
          assert.ok(
            (block.fields ?? []).length <= 10,
          );
        }
      }
    },
  );
});
