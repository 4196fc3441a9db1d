// Two people acting on one ticket at the same instant, through the functions
// Slack would run (card buttons, the Assign modal, a reaction on the card),
// on a fake Slack whose answers arrive in random order. Each race runs 100
// rounds, each round on its own ticket; many rounds run at once.
//
// After a round settles, the ticket must be what applying the announced
// changes one after the other (in the thread's order) to the starting ticket
// gives: then no change was lost and nothing was announced that was not
// stored. The card must show the stored ticket, and every click that was not
// announced must have been told why.
import assert from "node:assert/strict";
import updateTicket from "../../functions/update_ticket/handler.ts";
import cardReaction from "../../functions/card_reaction/handler.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import {
  configure,
  functionContext,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";
import {
  applyAction,
  type TicketAction,
} from "../../helpdesk/tickets/ticket_actions.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";

const ROUNDS = 100;
const AT_ONCE = 25;
const A = PEOPLE.agent;
const B = PEOPLE.otherAgent;

type Via = "button" | "assign modal" | "reaction";
interface Move {
  actor: string;
  action: TicketAction;
  via: Via;
}

interface Race {
  name: string;
  start: Partial<Ticket>;
  moves: [Move, Move];
}

const claim = (actor: string, via: Via = "button"): Move => ({
  actor,
  action: { type: "claim" },
  via,
});
const status = (
  actor: string,
  type: "start" | "wait" | "resolve" | "close" | "reopen" | "withdraw",
): Move => ({ actor, action: { type }, via: "button" });
const R = PEOPLE.requester;

const RACES: Race[] = [
  {
    name: "claim vs resolve",
    start: { status: "in_progress" },
    moves: [claim(A), status(B, "resolve")],
  },
  {
    name: "claim vs claim",
    start: {},
    moves: [claim(A), claim(B)],
  },
  {
    name: "waiting vs resolve",
    start: { status: "in_progress", assignee: A },
    moves: [status(A, "wait"), status(B, "resolve")],
  },
  {
    name: "close vs reopen",
    start: { status: "resolved", assignee: A, resolved_at: 1_700_000_000 },
    moves: [status(A, "close"), status(B, "reopen")],
  },
  {
    name: "assign (modal) vs resolve",
    start: { status: "in_progress" },
    moves: [
      {
        actor: A,
        action: { type: "assign", assignee: B, assigneeIsAgent: true },
        via: "assign modal",
      },
      status(B, "resolve"),
    ],
  },
  {
    name: ":eyes: vs resolve",
    start: { status: "in_progress" },
    moves: [claim(A, "reaction"), status(B, "resolve")],
  },
  {
    name: "withdraw (requester) vs claim",
    start: {},
    moves: [status(R, "withdraw"), claim(A)],
  },
  {
    name: "withdraw (requester) vs resolve",
    start: { status: "in_progress", assignee: A },
    moves: [status(R, "withdraw"), status(B, "resolve")],
  },
];

function perform(slack: FakeSlack, ticket: Ticket, move: Move) {
  const { actor, action } = move;
  if (move.via === "reaction") {
    // Slack stores the reaction, then starts the workflow: the step checks
    // with Slack that the reaction is there.
    slack.workspace.react(TRIAGE, ticket.card_ts!, "eyes", actor);
    return cardReaction(functionContext("card_reaction", slack, {
      channel: TRIAGE,
      message_ts: ticket.card_ts!,
      reaction: "eyes",
      user: actor,
    }));
  }
  if (move.via === "assign modal" && action.type === "assign") {
    return submitView(
      updateTicket,
      viewSubmissionContext(slack, {
        callbackId: ASSIGN_VIEW_CALLBACK_ID,
        functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
        executionId: `Fx0ASSIGN${crypto.randomUUID().slice(0, 8)}`,
        user: actor,
        privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
        values: {
          assignee: {
            assignee: { type: "users_select", selected_user: action.assignee },
          },
        },
      }),
    );
  }
  return updateTicket(functionContext(UPDATE_TICKET_CALLBACK_ID, slack, {
    ticket_id: ticket.id,
    action: action.type,
    actor,
    interactivity: {
      interactivity_pointer: "1234.5678.pointer",
      interactor: { id: actor, secret: "s" },
    },
  }));
}

/** Which move a thread reply announces: its actor and its verb. */
function announcedMove(text: string, moves: Move[]): Move | undefined {
  const verbs: Record<TicketAction["type"], RegExp> = {
    claim: /claimed|took .* over/,
    assign: /assigned/,
    start: /started work on/,
    wait: /is waiting on the requester/,
    resolve: /resolved/,
    close: /closed/,
    reopen: /reopened/,
    withdraw: /withdrew/,
  };
  return moves.find((m) =>
    text.startsWith(`<@${m.actor}>`) && verbs[m.action.type].test(text)
  );
}

interface Tally {
  rounds: number;
  clicks: number;
  applied: number;
  refused: number;
  lostUpdates: number;
  cardDisagreements: number;
  untold: number;
}

async function runRound(
  slack: FakeSlack,
  race: Race,
  tally: Tally,
): Promise<void> {
  const start = await openTestTicket(slack, race.start);
  await Promise.all(race.moves.map((move) => perform(slack, start, move)));
  const stored = await storedTicket(slack, start.id);
  const replies = slack.workspace.repliesTo(TRIAGE, start.card_ts!);
  const announced = replies.map((r) => announcedMove(r.text, race.moves));
  assert.ok(announced.every(Boolean), replies.map((r) => r.text).join("\n"));
  // Replay what was announced, in order, from the starting ticket.
  let replayed = start;
  for (const move of announced as Move[]) {
    const outcome = applyAction(
      replayed,
      move.action,
      { userId: move.actor, isAgent: true },
      stored.updated_at,
    );
    if (!outcome.ok) {
      tally.lostUpdates++; // announced, but impossible on what came before
      break;
    }
    replayed = outcome.ticket;
  }
  const same = (t: Ticket) =>
    [
      t.status as Status,
      t.assignee ?? "",
      t.holds?.length ?? 0,
      t.close_reason ?? "",
    ].join("|");
  if (same(replayed) !== same(stored)) tally.lostUpdates++;
  const card = slack.workspace.findMessage(TRIAGE, start.card_ts!)!;
  const cardShowsAssignee = !stored.assignee ||
    JSON.stringify(card.blocks).includes(`<@${stored.assignee}>`);
  if (card.text !== ticketCardText(stored) || !cardShowsAssignee) {
    tally.cardDisagreements++;
  }
  // Every click not announced was answered privately, with the key.
  for (const move of race.moves) {
    if (announced.includes(move)) continue;
    tally.refused++;
    const told = [
      ...slack.workspace.ephemerals.filter((e) => e.user === move.actor),
      ...slack.workspace.dmsTo(move.actor),
    ].some((m) => m.text.includes(start.key));
    if (!told) tally.untold++;
  }
  tally.rounds++;
  tally.clicks += race.moves.length;
  tally.applied += announced.length;
}

Deno.test("two clicks on one ticket at the same instant: nothing lost, the card tells the truth", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 1, jitterMs: 12 });
  await configure(slack);
  const totals: Record<string, Tally> = {};
  for (const race of RACES) {
    await t.step(`${race.name}, ${ROUNDS} rounds`, async () => {
      const tally: Tally = {
        rounds: 0,
        clicks: 0,
        applied: 0,
        refused: 0,
        lostUpdates: 0,
        cardDisagreements: 0,
        untold: 0,
      };
      for (let done = 0; done < ROUNDS; done += AT_ONCE) {
        await Promise.all(
          Array.from({ length: AT_ONCE }, () => runRound(slack, race, tally)),
        );
      }
      totals[race.name] = tally;
      assert.equal(tally.rounds, ROUNDS);
      assert.equal(tally.lostUpdates, 0);
      assert.equal(tally.cardDisagreements, 0);
      assert.equal(tally.untold, 0);
      assert.equal(tally.applied + tally.refused, tally.clicks);
      // Both orders are possible, and the races are real: across the
      // rounds, at least one click was applied each time.
      assert.ok(tally.applied >= ROUNDS, JSON.stringify(tally));
    });
  }
  console.log("races:", JSON.stringify(totals));
});
