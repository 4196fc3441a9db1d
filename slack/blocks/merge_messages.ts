// What a merge, an unmerge or a link says: in each card's thread, to the
// merged ticket's requester, and on the cards themselves. Summaries and
// descriptions are people's words, escaped; a private ticket's thread (in
// a shared channel) never repeats them, nor says who it is for.
import {
  type Status,
  STATUS_LABELS,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwn, escapeMrkdwnWithin, userMention } from "./mrkdwn.ts";

const linked = (key: string, url: string | undefined) =>
  url ? `<${url}|${key}>` : `*${key}*`;

/** The merged card's thread: where it went. */
export function mergedAwaySummary(
  merged: Ticket,
  kept: Ticket,
  actorId: string,
  keptUrl: string | undefined,
): string {
  return `:twisted_rightwards_arrows: ${
    userMention(actorId)
  } merged ${merged.key} into ${
    linked(kept.key, keptUrl)
  } and closed it as a duplicate. Its requester follows ${kept.key} now.`;
}

/** The kept card's thread: who it is for now, and what the merged one said. */
export function mergedHereSummary(
  merged: Ticket,
  kept: Ticket,
  actorId: string,
  mergedUrl: string | undefined,
): string {
  const lead = `:twisted_rightwards_arrows: ${userMention(actorId)} merged ${
    linked(merged.key, mergedUrl)
  } into ${kept.key}`;
  if (kept.private) {
    return `${lead}. Its details went to the queue's agents when it was opened.`;
  }
  const forWhom = merged.requester === kept.requester
    ? ""
    : `: it is now also for ${userMention(merged.requester)}`;
  const said = [`>*${escapeMrkdwnWithin(merged.summary, 300)}*`];
  if (merged.description) {
    said.push(
      ...escapeMrkdwnWithin(merged.description, 2500).split("\n").map((l) =>
        `>${l}`
      ),
    );
  }
  return `${lead}${forWhom}. ${merged.key} said:\n${said.join("\n")}`;
}

/** The merged ticket's requester: which ticket carries their request now. */
export function mergedDm(
  merged: Ticket,
  kept: Ticket,
  keptUrl: string | undefined,
): string {
  const what = merged.private ? "" : ` “${escapeMrkdwn(merged.summary)}”`;
  return `:twisted_rightwards_arrows: Your ticket ${merged.key}${what} reports the same problem as ${
    linked(kept.key, keptUrl)
  }, so agents merged them and closed ${merged.key} as a duplicate. I'll message you here when ${kept.key} changes status.`;
}

export function unmergedSummary(
  merged: Ticket,
  kept: Ticket,
  actorId: string,
): string {
  return `:leftwards_arrow_with_hook: ${
    userMention(actorId)
  } unmerged ${merged.key} from ${kept.key}: it is open again on its own.`;
}

export function unmergedDm(merged: Ticket, kept: Ticket, url: string): string {
  return `:leftwards_arrow_with_hook: Your ticket <${url}|${merged.key}> is open again on its own: agents found it is not the same as ${kept.key} after all.`;
}

export function linkedSummary(
  ticket: Ticket,
  other: Ticket,
  actorId: string,
  otherUrl: string | undefined,
): string {
  return `:link: ${userMention(actorId)} linked ${ticket.key} with ${
    linked(other.key, otherUrl)
  } as related.`;
}

/** The card's line about merges and links; undefined when there are none. */
export function mergeLine(ticket: Ticket): string | undefined {
  const parts: string[] = [];
  if (ticket.merged_into_key) {
    parts.push(
      `:twisted_rightwards_arrows: Merged into ${
        linked(ticket.merged_into_key, ticket.merged_into_url)
      } as a duplicate`,
    );
  }
  if (ticket.merged_from?.length) {
    const people = ticket.private
      ? ""
      : `For ${
        [ticket.requester, ...ticket.followers ?? []].map(userMention).join(
          ", ",
        )
      } · `;
    parts.push(
      `:busts_in_silhouette: ${people}merged here: ${
        ticket.merged_from.map(escapeMrkdwn).join(", ")
      }`,
    );
  }
  if (ticket.related?.length) {
    parts.push(
      `:link: Related: ${ticket.related.map(escapeMrkdwn).join(", ")}`,
    );
  }
  return parts.length ? parts.join("\n") : undefined;
}

/** A follower (a merged ticket's requester) hears the kept ticket's news. */
export function followerStatusDm(
  kept: Ticket,
  to: Status,
  actorId: string | undefined,
  link: string,
): string {
  const who = actorId ? ` (set by ${userMention(actorId)})` : "";
  return `:ticket: <${link}|${kept.key}>, which your ticket was merged into, is now *${
    STATUS_LABELS[to]
  }*${who}.`;
}

/** Words that arrived while a merge was made or undone, and lost the way. */
export function wayChangedReason(latest: Ticket): string {
  return `${latest.key} was just merged or unmerged, so this was not passed on. Send it again.`;
}

/** How the kept ticket's requester ended it (merge_release.ts closedByItsRequester). */
function endedBy(kept: Ticket): string {
  return kept.close_reason === "self_solved"
    ? "was closed by the person who opened it (a suggested solved ticket answered their question)"
    : "was withdrawn by the person who opened it";
}

/**
 * The kept card's thread, which said Helpdesk would try `merged` again:
 * it gave up.
 */
export function notReleasedNote(
  merged: Ticket,
  kept: Ticket,
  why: string,
): string {
  return `:warning: ${merged.key} did not open again on its own after all, and Helpdesk will not try again: ${why} It stays closed, merged into ${kept.key}.`;
}

/** Its requester, who was told nothing yet: it stays closed, and why. */
export function notReleasedDm(
  merged: Ticket,
  kept: Ticket,
  url: string,
  why: string,
): string {
  return `:warning: ${kept.key}, which your ticket <${url}|${merged.key}> was merged into, ${
    endedBy(kept)
  }, but Helpdesk could not open yours again on its own: ${why} It stays closed; if you still need help, open a new ticket.`;
}

/**
 * The kept card's thread, below its close, when `merged`'s reopen failed:
 * still closed, for the scheduled check to open (release_repair.ts).
 */
export function releaseDueNote(merged: Ticket): string {
  return `:hourglass: ${merged.key} should open again on its own, but Helpdesk could not open it just now and will try again at its next check.`;
}

/** The released ticket's card thread, and the kept one's once it is done. */
export function releasedSummary(merged: Ticket, kept: Ticket): string {
  return `:leftwards_arrow_with_hook: ${kept.key}, which ${merged.key} was merged into, ${
    endedBy(kept)
  }, so ${merged.key} is open again on its own.`;
}

/** The released ticket's requester: what happened, and where it stands. */
export function releasedDm(merged: Ticket, kept: Ticket, url: string): string {
  return `:leftwards_arrow_with_hook: ${kept.key}, which your ticket was merged into, ${
    endedBy(kept)
  }. That did not answer your request, so your ticket <${url}|${merged.key}> is open again on its own and agents will pick it up there. I'll message you here when it changes status; if you no longer need it, withdraw it.`;
}
