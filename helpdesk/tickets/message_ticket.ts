// A ticket made from someone's message (the :ticket: reaction): its summary is
// the message's first line in plain words, its description the whole message
// and a link back to it.
import { LIMITS } from "./ticket_input.ts";

// Helpdesk's reactions live in reaction_marks.ts, apart from the ticket made
// from a message, so the settings forms check the intake emoji without
// bundling this module's limits; named here too for the intake's callers.
export {
  DEFAULT_INTAKE_EMOJI,
  HELPDESK_MARKS,
  isHelpdeskMark,
  LOCK_MARK,
  RELAY_MARK,
  TICKET_MARK,
} from "./reaction_marks.ts";

/** Slack's message markup as a person reads it, without the brackets. */
export function plainMessageText(text: string): string {
  return text
    .replace(
      /<@[UW][A-Z0-9]+(?:\|([^>]+))?>/g,
      (_, name) => `@${name ?? "someone"}`,
    )
    .replace(
      /<#[CG][A-Z0-9]+(?:\|([^>]*))?>/g,
      (_, name) => `#${name || "channel"}`,
    )
    .replace(
      /<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g,
      (_, name) => name ?? "@group",
    )
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<(?:mailto:)?([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * The first line that says something, folded to one line and cut at a word
 * boundary with an ellipsis when longer than a card title may be. A leading
 * "@someone" (usually the person being asked) is dropped.
 */
export function summaryFromMessage(text: string): string {
  const plain = plainMessageText(text);
  const line = plain.split("\n").map((l) => l.replace(/\s+/g, " ").trim())
    .map((l) => withoutEmphasis(l.replace(/^(@\S+\s*)+[,:]?\s*/, "")))
    .find((l) => l.length > 0);
  if (!line) return "Request from a message without text";
  if (line.length <= LIMITS.summary) return line;
  const cut = line.slice(0, LIMITS.summary - 1);
  const lastSpace = cut.lastIndexOf(" ");
  // Cut at a word when one ends reasonably late; otherwise mid-word.
  const head = lastSpace > LIMITS.summary / 2 ? cut.slice(0, lastSpace) : cut;
  return `${head.replace(/[\s,.;:!?-]+$/, "")}…`;
}

/** *bold*, _italic_, ~strike~ and `code` marks, and a leading quote. */
function withoutEmphasis(line: string): string {
  return line.replace(/^>\s*/, "")
    .replace(/(^|[\s(])[*_~`]+(?=\S)/g, "$1")
    .replace(/(\S)[*_~`]+(?=[\s),.;:!?]|$)/g, "$1")
    .trim();
}

/**
 * The message in plain words (descriptions are shown escaped, and go to JSM
 * as plain text), kept within the limit, then the link back to it, which
 * Slack and JSM both turn into a link.
 */
export function descriptionFromMessage(
  text: string,
  permalink: string,
): string {
  const footer = `\n\nRaised from this Slack message: ${permalink}`;
  const room = LIMITS.description - footer.length;
  const body = plainMessageText(text).trim();
  const kept = body.length > room ? `${body.slice(0, room - 1)}…` : body;
  return `${kept}${footer}`;
}
