// A released ticket's reopen whose save landed but whose answer was lost
// (Slack timed out after the write, and reading it back failed too): the
// close's run took it for a failure, so the kept card's thread heard that
// Helpdesk would try again, while the ticket was in fact open, its card
// still said "Merged into", and its requester had heard nothing. The
// scheduled check then finds it no longer merged into the kept ticket.
//
// Its history says whether the kept ticket's close unmerged it (no
// person's hand, unlike an agent's unmerge, whose own change told the kept
// card's thread). Its card's thread says whether that reopen was shown:
// the run whose save answered posted the released line there (or kept it
// in the ticket's outbox, outbox.ts) before telling anyone else. Where it
// is missing, nothing of that reopen was shown: its card is redrawn, and
// its thread, its requester and the kept card's thread are told now, what
// a reopen that answered would have told them, once.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { releasedAt } from "../../helpdesk/tickets/merge_release.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { withTicketLock } from "../../slack/storage/ticket_lock.ts";
import { sendOrKeep, shownLater } from "../../slack/workspace/outbox.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import {
  activityReply,
  cardLinkOf,
} from "../../slack/blocks/ticket_messages.ts";
import {
  releasedDm,
  releasedSummary,
} from "../../slack/blocks/merge_messages.ts";
import { requesterNews } from "./publish_change.ts";

/** Whether the released line is in its card's thread since `at`, or owed. */
async function releaseShown(
  client: SlackAPIClient,
  merged: Ticket,
  line: string,
  at: number,
): Promise<boolean> {
  if ((merged.outbox ?? []).some((json) => json.includes(line))) return true;
  // Replies come oldest first: the line, posted right after its save, is
  // in the first page since then.
  // https://docs.slack.dev/reference/methods/conversations.replies
  const page = await slackCall(client, "conversations.replies", {
    channel: merged.card_channel!,
    ts: merged.card_ts!,
    oldest: String(at),
    inclusive: true,
    limit: 200,
  });
  return (page.messages ?? []).some((m: { text?: string }) =>
    typeof m.text === "string" && m.text.includes(line)
  );
}

/**
 * Each of `found` (owed by `kept`, no longer merged into it) that its close
 * reopened unseen, shown now under its own lock: those told (for the kept
 * card's thread), and the keys still to look at (their thread unread, or
 * their lock busy) at the next check.
 */
export async function retellLostReleases(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  kept: Ticket,
  found: readonly Ticket[],
  now: number,
): Promise<{ told: Ticket[]; pending: Set<string>; notShown: unknown[] }> {
  const told: Ticket[] = [];
  const pending = new Set<string>();
  const notShown: unknown[] = [];
  for (const seen of found) {
    if (!seen.card_ts || releasedAt(seen, kept) === undefined) continue;
    try {
      const locked = await withTicketLock(client, seen, async (latest) => {
        const at = latest && releasedAt(latest, kept);
        if (!latest || at === undefined) return;
        const line = releasedSummary(latest, kept);
        if (await releaseShown(client, latest, line, at)) return;
        const link = cardLinkOf(latest, settings.workspace_url) ??
          settings.workspace_url;
        const dm = requesterNews(
          settings,
          {
            ticket: latest,
            summary: line,
            toRequester: releasedDm(latest, kept, link),
          },
          latest,
          now,
        );
        await redrawTicketCard(client, settings, latest, now).catch(
          async (error) => {
            // Left for the scheduled check to redraw, or (the marking
            // refused) to look again, as below: shown later either way.
            notShown.push(shownLater(error));
            await updateTicketFields(client, latest.id, {
              card_redraw_due: true,
            });
          },
        );
        notShown.push(
          ...await sendOrKeep(client, latest, [
            {
              channel: latest.card_channel!,
              thread_ts: latest.card_ts,
              text: activityReply(line, now),
            },
            ...dm ? [dm] : [],
          ]),
        );
        told.push(latest);
      });
      if (!locked.ok && !locked.removed) throw new Error(locked.reason);
    } catch (error) {
      // Its thread unread or its lock busy: the next check looks again.
      notShown.push(shownLater(error));
      pending.add(seen.key);
    }
  }
  return { told, pending, notShown };
}
