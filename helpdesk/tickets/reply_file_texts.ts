// What people read about the files an agent sends with a reply
// (use_cases/conversation/reply_files.ts): apart from ticket_files.ts so the
// functions that never send a reply's files don't carry these words.
import { type NotCopied, reasonText, shownName } from "./ticket_files.ts";

/** To the agent whose reply's files did not all reach the requester. */
export function notSentToRequester(key: string, notCopied: NotCopied[]) {
  return notCopied.map(({ file, reason }) =>
    `${shownName(file)} was not sent to the requester of ${key}: ${
      reasonText(reason)
    }. Your reply's words did reach them.`
  ).join("\n");
}

/** To the agent: the requesters of merged tickets the files missed. */
export function notSentToFollowers(key: string, missed: readonly string[]) {
  return `Your reply's files about ${key} did not reach ${
    missed.map((u) => `<@${u}>`).join(", ")
  } (who follow it since their tickets were merged into it): Slack did not take the copy.`;
}

/** Above a reply's files, where the requester reads the reply. */
export function replyFilesHeader(key: string, agent: string): string {
  return `:paperclip: Files from <@${agent}> about ${key}:`;
}

/**
 * The line above a reply's files where the requester (or a merged ticket's
 * requester) reads them, and what it becomes should the files not come.
 */
export function replyFilesTexts(key: string, agent: string) {
  return {
    header: replyFilesHeader(key, agent),
    notSent:
      `:paperclip: <@${agent}> sent files about ${key} that could not be copied here; <@${agent}> was told.`,
  };
}

/** Above the same files in the card's thread. */
export function replyFilesInThread(agent: string): string {
  return `:paperclip: Sent to the requester with <@${agent}>'s reply:`;
}

/** In the card's thread: a reply's files that did not reach the requester. */
export function replyFilesNotSent(
  notCopied: NotCopied[],
  privateTicket = false,
): string {
  const count = notCopied.length;
  const files = count === 1 ? "A file" : `${count} files`;
  if (privateTicket) {
    return `${files} of a reply did not reach the requester; the agent who sent it was told why.`;
  }
  return `${files} of this reply did not reach the requester: ${
    notCopied.map(({ file, reason }) =>
      `${shownName(file)} (${reasonText(reason)})`
    )
      .join("; ")
  }.`;
}
