import { linkRelated } from "../../helpdesk/tickets/ticket_pairing.ts";
import { mergeTickets } from "../../helpdesk/tickets/ticket_merge.ts";
import assert from "node:assert/strict";
import {
  isConversationAction,
  mayConverse,
} from "../../helpdesk/tickets/conversation.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type {
  ActionsBlock,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
  WorkflowButton,
} from "@slack/types";
import {
  type CardControls,
  ticketCardBlocks,
  ticketCardText,
} from "./ticket_card.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import { blockKitProblems } from "../../dev/testing/fake_slack/block_kit_limits.ts";
import {
  type Status,
  STATUSES,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import { applyEdit, seenFields } from "../../helpdesk/tickets/ticket_edit.ts";
import { checkMovable } from "../../helpdesk/tickets/ticket_move.ts";
import {
  applyAction,
  type TicketAction,
} from "../../helpdesk/tickets/ticket_actions.ts";

const URL = "https://slack.com/shortcuts/Ft01/abc";
const NOW = 1_800_000_000;
const CORPUS = HOSTILE_TEXT;

function ticket(extra: Partial<Ticket> = {}): Ticket {
  return sampleTicket({
    description: "Black screen after the update.",
    priority: "high",
    category: "Hardware",
    created_at: NOW - 7200,
    updated_at: NOW - 7200,
    ...extra,
  });
}

function card(
  extra: Partial<Ticket> = {},
  controls: CardControls = { actionTriggerUrl: URL },
) {
  const blocks = ticketCardBlocks(ticket(extra), controls, NOW);
  // Through JSON, as Slack receives it.
  return JSON.parse(JSON.stringify(blocks)) as KnownBlock[];
}

function find<T extends KnownBlock>(blocks: KnownBlock[], type: T["type"]) {
  return blocks.filter((b) => b.type === type) as T[];
}

// Merging and linking (forms), then the conversation's buttons, on every
// card that is not closed; a resolved ticket is linked, not merged.
const PAIR: [string, string][] = [
  ["Merge into…", "merge"],
  ["Link related…", "link"],
];
const TALK: [string, string][] = [
  ["Reply to requester", "reply"],
  ["Note", "note"],
];

// Label and action of each control, per status, in reading order.
const CONTROLS: Record<Status, Array<[string, string]>> = {
  new: [
    ["Claim", "claim"],
    ["Assign to…", "assign"],
    ["Start", "start"],
    ["Edit…", "edit"],
    ["Move…", "move"],
    ...PAIR,
    ["Similar…", "similar"],
    ...TALK,
    ["History…", "history"],
  ],
  in_progress: [
    ["Claim", "claim"],
    ["Assign to…", "assign"],
    ["Waiting on requester", "wait"],
    ["Resolve", "resolve"],
    ["Edit…", "edit"],
    ["Move…", "move"],
    ...PAIR,
    ["Similar…", "similar"],
    ...TALK,
    ["History…", "history"],
  ],
  waiting_on_requester: [
    ["Claim", "claim"],
    ["Assign to…", "assign"],
    ["Back in progress", "start"],
    ["Resolve", "resolve"],
    ["Edit…", "edit"],
    ["Move…", "move"],
    ...PAIR,
    ["Similar…", "similar"],
    ...TALK,
    ["History…", "history"],
  ],
  resolved: [
    ["Close", "close"],
    ["Reopen", "reopen"],
    ["Edit…", "edit"],
    ["Link related…", "link"],
    ["Similar…", "similar"],
    ...TALK,
    ["History…", "history"],
  ],
  // Nothing changes a closed ticket; who changed what stays readable.
  closed: [["History…", "history"]],
};

Deno.test("each status offers its controls as workflow buttons", async (t) => {
  for (const status of STATUSES) {
    await t.step(status, () => {
      const blocks = card({ status });
      assert.deepEqual(blockKitProblems(blocks), []);
      const actions = find<ActionsBlock>(blocks, "actions");
      assert.equal(actions.length, 1);
      const buttons = (actions[0]?.elements ?? []) as WorkflowButton[];
      assert.deepEqual(
        buttons.map((b) => [b.text.text, b.workflow.trigger.url]),
        CONTROLS[status].map(([label]) => [label, URL]),
      );
      buttons.forEach((button, i) => {
        const action = CONTROLS[status][i][1];
        assert.equal(button.type, "workflow_button");
        assert.equal(button.action_id, `ticket_${action}`);
        assert.deepEqual(
          button.workflow.trigger.customizable_input_parameters,
          [
            { name: "ticket_id", value: "01TICKETID" },
            { name: "action", value: action },
          ],
        );
      });
    });
  }
});

Deno.test("every control the card shows is one an agent can use", async (t) => {
  const agent = { userId: "UAGENT", isAgent: true };
  for (const status of STATUSES) {
    for (const [label, type] of CONTROLS[status]) {
      await t.step(`${status}: ${label}`, () => {
        if (isConversationAction(type)) {
          // Not a change of state: who may talk is checked on its own.
          assert.ok(mayConverse(type, { isAgent: true, isRequester: false }));
          return;
        }
        const shown = ticket({ status });
        // Edit… and Move… open a form; their rules say whether it may.
        if (type === "edit") {
          const edit = { ...shown, summary: "Reworded" };
          const edited = applyEdit(shown, edit, seenFields(shown), agent, NOW);
          assert.ok(edited.ok, edited.ok ? "" : edited.reason);
          return;
        }
        if (type === "move") {
          assert.deepEqual(checkMovable(shown, agent), { ok: true });
          return;
        }
        // Similar… and History… change nothing; their use cases check who
        // asks.
        if (type === "similar" || type === "history") return;
        // Merge into… and Link related… name another ticket in their form.
        if (type === "merge" || type === "link") {
          const other = ticket({ id: "01OTHER", key: "HD-OTHER1" });
          const pairAgent = {
            userId: "UAGENT",
            agentOfMerged: true,
            agentOfKept: true,
          };
          const paired = type === "merge"
            ? mergeTickets(shown, other, pairAgent, NOW)
            : linkRelated(shown, other, pairAgent, NOW);
          assert.ok(paired.ok, paired.ok ? "" : paired.reason);
          return;
        }
        const action = (type === "assign"
          ? { type, assignee: "UOTHER", assigneeIsAgent: true }
          : { type }) as TicketAction;
        const outcome = applyAction(shown, action, agent, NOW);
        assert.ok(outcome.ok, outcome.ok ? "" : outcome.reason);
      });
    }
  }
});

Deno.test("without the action trigger the card has no controls", () => {
  for (const status of STATUSES) {
    for (const controls of [{}, { actionTriggerUrl: "" }]) {
      const blocks = card({ status }, controls);
      assert.deepEqual(find(blocks, "actions"), [], status);
      assert.deepEqual(blockKitProblems(blocks), []);
    }
  }
});

Deno.test("the header is the summary, cut to 150 characters", () => {
  const header = (summary: string) =>
    find<HeaderBlock>(card({ summary }), "header")[0].text;
  assert.deepEqual(header("Laptop won't boot"), {
    type: "plain_text",
    text: "Laptop won't boot",
  });
  assert.equal(header("S".repeat(150)).text, "S".repeat(150));
  assert.equal(header("S".repeat(151)).text, "S".repeat(149) + "…");
  assert.equal(header("🎫".repeat(150)).text, "🎫".repeat(150));
});

Deno.test("the card shows the ticket's facts", () => {
  const [, facts, description] = card({ assignee: "UAGENT" }) as SectionBlock[];
  assert.deepEqual(facts.fields!.map((f) => f.text), [
    "*Ticket*\n*HD-ABC123*",
    "*Status*\n:new: New",
    "*Priority*\n:large_orange_circle: High",
    "*Category*\nHardware",
    "*Requester*\n<@UREQ>",
    "*Assignee*\n<@UAGENT>",
  ]);
  assert.equal(description.text!.text, "Black screen after the update.");
  const unassigned = card() as SectionBlock[];
  assert.equal(unassigned[1].fields![5].text, "*Assignee*\n_Unassigned_");
  const noDescription = card({ description: "" });
  assert.equal(noDescription.length, card().length - 1);
  assert.match(ticketCardText(ticket()), /^HD-ABC123 New: Laptop won't boot$/);
});

Deno.test("the age context uses a live date token", () => {
  const context = (extra: Partial<Ticket>) =>
    (find<ContextBlock>(card(extra), "context")[0].elements[0] as {
      text: string;
    }).text;
  assert.equal(
    context({}),
    `Opened <!date^${NOW - 7200}^{ago}|2 h ago> via the Open a ticket form`,
  );
  assert.equal(
    context({
      source: "reaction",
      source_channel: "C42",
      updated_at: NOW - 120,
    }),
    `Opened <!date^${NOW - 7200}^{ago}|2 h ago> via a reaction from <#C42>` +
      ` · updated <!date^${NOW - 120}^{ago}|2 min ago>`,
  );
});

Deno.test("people's text never becomes a ping or a link", async (t) => {
  for (const hostile of CORPUS) {
    await t.step(hostile, () => {
      const blocks = card({
        summary: hostile,
        description: hostile,
        category: hostile,
        assignee: "UAGENT",
      });
      // Plain text is never parsed by Slack; all else must hold no markup.
      const parsed = JSON.stringify(
        blocks,
        (_, v) => v?.type === "plain_text" ? undefined : v,
      );
      assert.ok(!parsed.includes(hostile), parsed);
      for (const section of find<SectionBlock>(blocks, "section")) {
        for (const object of [section.text, ...(section.fields ?? [])]) {
          if (object === undefined) continue;
          const text = object.text;
          const theirs = text.replace(/<@UREQ>|<@UAGENT>/g, "");
          assert.ok(isInert(theirs), text);
        }
      }
      assert.equal(find<HeaderBlock>(blocks, "header")[0].text.text, hostile);
      assert.ok(isInert(ticketCardText(ticket({ summary: hostile }))));
    });
  }
});

Deno.test("Slack's limits hold for the longest allowed input", () => {
  const blocks = card({
    summary: "S".repeat(150),
    description: "&".repeat(2800),
    category: "<".repeat(50),
  });
  assert.deepEqual(blockKitProblems(blocks), []);
  const description = (blocks[2] as SectionBlock).text!.text;
  assert.ok([...description].length <= 3000);
  assert.ok(isInert(description));
});
