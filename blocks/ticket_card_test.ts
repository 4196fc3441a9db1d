import assert from "node:assert/strict";
import type { ActionsBlock, KnownBlock, WorkflowButton } from "@slack/types";
import { ticketCardBlocks, ticketCardText } from "./ticket_card.ts";
import {
  messageLink,
  statusChangedDm,
  ticketOpenedDm,
} from "./ticket_messages.ts";
import { HOSTILE_TEXT, isInert } from "../testing/hostile_text.ts";
import { blockKitProblems } from "../testing/fake_slack/block_kit_limits.ts";
import { STATUSES, type Ticket } from "../tickets/model.ts";

const URL = "https://slack.com/shortcuts/Ft01/abc";
const NOW = 1_800_000_000;

function ticket(extra: Partial<Ticket> = {}): Ticket {
  return {
    id: "01TICKETID",
    key: "HD-ABC123",
    summary: "Laptop won't boot",
    description: "Black screen after the update.",
    priority: "high",
    category: "Hardware",
    status: "new",
    requester: "UREQ",
    source: "form",
    created_at: NOW - 7200,
    updated_at: NOW - 7200,
    ...extra,
  };
}

function buttons(blocks: KnownBlock[]): WorkflowButton[] {
  const actions = blocks.find((b) => b.type === "actions") as
    | ActionsBlock
    | undefined;
  return (actions?.elements ?? []) as WorkflowButton[];
}

const CONTROLS: Record<string, string[]> = {
  new: ["Claim", "Assign to…", "Start"],
  in_progress: ["Claim", "Assign to…", "Waiting on requester", "Resolve"],
  waiting_on_requester: ["Claim", "Assign to…", "Back in progress", "Resolve"],
  resolved: ["Close", "Reopen"],
  closed: [],
};

Deno.test("each status offers its controls as workflow buttons", async (t) => {
  for (const status of STATUSES) {
    await t.step(status, () => {
      const blocks = ticketCardBlocks(ticket({ status }), {
        actionTriggerUrl: URL,
      }, NOW);
      assert.deepEqual(blockKitProblems(blocks), []);
      const found = buttons(blocks);
      assert.deepEqual(found.map((b) => b.text.text), CONTROLS[status]);
      for (const button of found) {
        assert.equal(button.type, "workflow_button");
        assert.equal(button.workflow.trigger.url, URL);
        const params = button.workflow.trigger.customizable_input_parameters!;
        assert.deepEqual(params[0], { name: "ticket_id", value: "01TICKETID" });
        assert.equal(params[1].name, "action");
        assert.equal(button.action_id, `ticket_${params[1].value}`);
      }
    });
  }
});

Deno.test("without the action trigger the card has no controls", () => {
  assert.deepEqual(buttons(ticketCardBlocks(ticket(), {}, NOW)), []);
});

Deno.test("the card shows the ticket's facts and a live age", () => {
  const blocks = ticketCardBlocks(ticket({ assignee: "UAGENT" }), {
    actionTriggerUrl: URL,
  }, NOW);
  const json = JSON.stringify(blocks);
  assert.deepEqual(blocks[0], {
    type: "header",
    text: { type: "plain_text", text: "Laptop won't boot" },
  });
  for (
    const fact of [
      "*HD-ABC123*",
      "High",
      "Hardware",
      "<@UREQ>",
      "<@UAGENT>",
      "New",
    ]
  ) {
    assert.ok(json.includes(fact), fact);
  }
  assert.ok(json.includes(`<!date^${NOW - 7200}^{ago}|2 h ago>`));
  assert.match(ticketCardText(ticket()), /^HD-ABC123 New: Laptop/);
});

Deno.test("people's text never becomes a ping or a link on the card", async (t) => {
  for (const hostile of HOSTILE_TEXT) {
    await t.step(hostile, () => {
      const blocks = ticketCardBlocks(
        ticket({ summary: hostile, description: hostile, category: hostile }),
        { actionTriggerUrl: URL },
        NOW,
      );
      for (const block of blocks) {
        const texts = [
          ...(block.type === "section"
            ? [block.text, ...(block.fields ?? [])]
            : []),
          ...(block.type === "context" ? block.elements : []),
        ].filter((x) => x && "text" in x && x.type === "mrkdwn") as {
          text: string;
        }[];
        for (const { text } of texts) {
          // Our own markup (mentions of ids, dates) stays; theirs is inert.
          const theirs = text.replace(/<(@U[A-Z0-9]+|!date\^[^>]+)>/g, "");
          assert.ok(isInert(theirs), text);
        }
      }
      // The header is plain text, which Slack never parses.
      assert.equal(
        (blocks[0] as { text: { type: string } }).text.type,
        "plain_text",
      );
      assert.ok(
        isInert(
          ticketOpenedDm(ticket({ summary: hostile }), "https://x").replace(
            /<https:\/\/x\|HD-ABC123>/,
            "",
          ),
        ),
      );
    });
  }
});

Deno.test("Slack's limits hold for the longest allowed input", () => {
  const long = ticket({
    summary: "S".repeat(150),
    description: "&".repeat(2800),
    category: "C".repeat(50),
  });
  assert.deepEqual(
    blockKitProblems(ticketCardBlocks(long, { actionTriggerUrl: URL }, NOW)),
    [],
  );
});

Deno.test("message links and DMs", () => {
  assert.equal(
    messageLink("https://acme.slack.com/", "C1", "1700000000.000100"),
    "https://acme.slack.com/archives/C1/p1700000000000100",
  );
  assert.equal(
    messageLink("https://acme.slack.com", "C1", "1700000000.000100"),
    "https://acme.slack.com/archives/C1/p1700000000000100",
  );
  const dm = statusChangedDm(ticket(), "resolved", "UAGENT", "https://l");
  assert.match(dm, /<https:\/\/l\|HD-ABC123> is resolved.*close it.*reopen it/);
  assert.match(dm, /<@UAGENT> set it to Resolved/);
});
