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

/** Above a reply's files, where the requester reads the reply. */
export function replyFilesHeader(key: string, agent: string): string {
  return `:paperclip: Files from <@${agent}> about ${key}:`;
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
