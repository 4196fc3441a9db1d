// "This solved it" on a suggested solved ticket (use_cases/opening/
// solved_suggestions.ts): the requester's ticket closes as self-solved,
// under its lock like any change, so the card is redrawn, the agents' card
// thread says which answer solved it, the requester gets a confirmation
// with Reopen, and with JSM on the request gets a public comment saying
// which answer solved it and is moved to Closed (through Resolved, as JSM's
// workflow asks) by the sync step after this one. Only
// the requester may press it; a second press changes nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { selfSolve } from "../../helpdesk/tickets/requester_actions.ts";
import { reopenDaysOf } from "../../helpdesk/tickets/service_level_settings.ts";
import {
  loadTicket,
  TICKET_GONE,
} from "../../slack/workspace/queued_ticket.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  selfSolvedDm,
  selfSolvedJsmComment,
  selfSolvedSummary,
} from "../../slack/blocks/suggestion_messages.ts";
import { queueJsmComment } from "../../helpdesk/tickets/jsm_comments.ts";
import { answerPress } from "./change_ticket.ts";
import { type ChangeResult, changeUnderLock } from "./change_under_lock.ts";
import {
  type Release,
  releaseOnRequesterClose,
  reopenReleased,
} from "./merged_release.ts";
import type { ButtonPress, PressResult } from "./button_press.ts";

export async function closeAsSelfSolved(
  client: SlackAPIClient,
  ticketId: string,
  suggestedKey: string,
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<ChangeResult> {
  // Its queue is not needed: only the requester may, whatever their roles.
  const { ticket, settings } = await loadTicket(client, ticketId);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  if (!ticket) return { ok: false, reason: TICKET_GONE };
  let release: Release | undefined;
  const result = await changeUnderLock(
    client,
    settings,
    ticket,
    async (latest) => {
      const outcome = selfSolve(latest, actorId, now);
      if (!outcome.ok) return outcome;
      // Other people's tickets merged into it are not solved by this.
      release = await releaseOnRequesterClose(
        client,
        latest,
        outcome.ticket,
        actorId,
      );
      const link = cardLinkOf(outcome.ticket, settings.workspace_url) ??
        settings.workspace_url;
      // JSM hears why it closed, as the requester's public comment.
      const ticket = queueJsmComment(release.ticket, {
        body: selfSolvedJsmComment(suggestedKey),
        public: true,
        author: actorId,
        role: "requester",
        at: now,
      });
      return {
        ok: true,
        change: {
          ticket,
          actorId,
          summary: selfSolvedSummary(latest, suggestedKey),
          statusChange: { from: latest.status, to: outcome.ticket.status },
          toRequester: selfSolvedDm(
            outcome.ticket,
            suggestedKey,
            link,
            reopenDaysOf(settings),
          ),
        },
      };
    },
    { now, actorId },
  );
  if (!result.ok || !release?.released.length) return result;
  const notShown = await reopenReleased(
    client,
    settings,
    result.ticket,
    release.released,
    now,
  );
  return { ...result, notShown: [...result.notShown, ...notShown] };
}

/** The button's run: the change, or why not told to whoever pressed. */
export async function pressSelfSolved(
  client: SlackAPIClient,
  press: ButtonPress,
  suggestedKey: string,
): Promise<PressResult> {
  const result = await closeAsSelfSolved(
    client,
    press.ticketId,
    suggestedKey,
    press.actor,
  );
  return await answerPress(client, press, result);
}
