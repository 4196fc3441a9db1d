// Two people acting on one ticket at the same instant, through the functions
// Slack would run (card buttons, the Assign modal, a reaction on the card):
// the races the concurrency tests and the lock's bench run, and how a round
// is judged.
//
// After a round settles, the ticket must be what applying the announced
// changes one after the other (in the thread's order) to the starting ticket
// gives: then no change was lost and nothing was announced that was not
// stored. The card must show the stored ticket, and every click that was not
// announced must have been told why (a form under its field, a button in a
// private message).
import assert from "node:assert/strict";
import updateTicket from "../../functions/update_ticket/handler.ts";
import cardReaction from "../../functions/card_reaction/handler.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import {
  functionContext,
  openTestTicket,
  PEOPLE,
  storedTicket,
  TRIAGE,
} from "./harness.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import { click } from "./queue_actions.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";
import {
  applyAction,
  type TicketAction,
} from "../../helpdesk/tickets/ticket_actions.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";

const A = PEOPLE.agent;
const B = PEOPLE.otherAgent;

type Via = "button" | "assign modal" | "reaction";
interface Move {
  actor: string;
  action: TicketAction;
  via: Via;
}

export interface Race {
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

export const RACES: Race[] = [
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
  return click(slack, ticket.id, action.type, actor);
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

export interface Tally {
  rounds: number;
  clicks: number;
  applied: number;
  /** Rounds in which at least one of the two clicks was applied. */
  changedRounds: number;
  refused: number;
  lostUpdates: number;
  cardDisagreements: number;
  untold: number;
}

export async function runRound(
  slack: FakeSlack,
  race: Race,
  tally: Tally,
): Promise<void> {
  const start = await openTestTicket(slack, race.start);
  // The fixture sets the starting state without redrawing the card.
  const cardAtStart = slack.workspace.findMessage(TRIAGE, start.card_ts!)!.text;
  const answers = await Promise.all(
    race.moves.map((move) => perform(slack, start, move)),
  );
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
  // Nothing announced: nothing changed, and the card is as it was.
  const cardTrue = announced.length === 0
    ? card.text === cardAtStart && same(stored) === same(start)
    : card.text === ticketCardText(stored) && cardShowsAssignee;
  if (!cardTrue) {
    tally.cardDisagreements++;
    console.error(
      `${start.key}: the card says "${card.text}", the datastore "${
        ticketCardText(stored)
      }"; thread: ${replies.map((r) => r.text).join(" / ")}`,
    );
  }
  // Every click not announced was answered privately, with the key.
  for (const move of race.moves) {
    if (announced.includes(move)) continue;
    tally.refused++;
    // A form is answered under its field; a button, privately.
    const answer = JSON.stringify(answers[race.moves.indexOf(move)] ?? "");
    const told = (move.via === "assign modal" && answer.includes(start.key)) ||
      [
        ...slack.workspace.ephemerals.filter((e) => e.user === move.actor),
        ...slack.workspace.dmsTo(move.actor),
      ].some((m) => m.text.includes(start.key));
    if (!told) tally.untold++;
  }
  tally.rounds++;
  tally.clicks += race.moves.length;
  tally.applied += announced.length;
  if (announced.length > 0) tally.changedRounds++;
}

export function newTally(): Tally {
  return {
    rounds: 0,
    clicks: 0,
    applied: 0,
    changedRounds: 0,
    refused: 0,
    lostUpdates: 0,
    cardDisagreements: 0,
    untold: 0,
  };
}

/** `rounds` rounds of one race, `atOnce` of them at a time. */
export async function runRace(
  slack: FakeSlack,
  race: Race,
  rounds: number,
  atOnce = 25,
): Promise<Tally> {
  const tally = newTally();
  for (let done = 0; done < rounds; done += atOnce) {
    await Promise.all(
      Array.from(
        { length: Math.min(atOnce, rounds - done) },
        () => runRound(slack, race, tally),
      ),
    );
  }
  return tally;
}
