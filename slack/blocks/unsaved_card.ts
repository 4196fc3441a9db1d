// A card whose ticket was never saved (opening stopped between posting it
// and saving the ticket): what its request said, read back from the card as
// ticket_card.ts drew it; what the card says instead; and the requester's
// DM, which gives them back their words (use_cases/schedule/unsaved_cards.ts).
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

export interface CardWords {
  key?: string;
  summary?: string;
  /** As the card shows it: mrkdwn, escaped (and cut, past 3,000). */
  description?: string;
  requester?: string;
}

export interface CardBlock {
  type?: string;
  text?: { type?: string; text?: string };
  fields?: { text?: string }[];
}

/**
 * A card as opening posted it: its header is the summary, a field names the
 * requester, the first section with text is the description. A private
 * request's card holds none of them.
 */
export function cardWords(
  message: { text?: string; blocks?: CardBlock[] },
): CardWords {
  const blocks = message.blocks ?? [];
  const fields = blocks.flatMap((b) => b.fields ?? []);
  const requester = fields.map((f) =>
    f.text?.match(/^\*Requester\*\n<@([UW][A-Z0-9]+)>$/)?.[1]
  ).find(Boolean);
  return {
    key: message.text?.match(/^(\S+) /)?.[1],
    summary: blocks[0]?.type === "header" && requester
      ? blocks[0].text?.text
      : undefined,
    description: blocks.find((b, i) => i > 1 && b.type === "section" && b.text)
      ?.text?.text,
    requester,
  };
}

/** Told by DM; could not be reached; or nobody told (whom, or what, unknown). */
export type UnsavedOutcome = "told" | "unreachable" | "untold";

export function unsavedCardText(
  key: string | undefined,
  requester: string | undefined,
  outcome: UnsavedOutcome,
): string {
  const who = requester ? userMention(requester) : "";
  const then = outcome === "told"
    ? `${who} was told by DM, and given back their words, to open it again.`
    : outcome === "unreachable"
    ? `Helpdesk could not reach ${who} by DM: ask them to open it again.`
    : "Helpdesk told nobody: if you know who asked for it, ask them to open it again.";
  return `:warning: ${
    key ? escapeMrkdwn(key) : "This request"
  } was never saved: Helpdesk stopped while opening it, so there is no ticket to work on here. ${then}`;
}

export function unsavedRequestDm(
  words: Required<Pick<CardWords, "summary">> & CardWords,
): string {
  const quoted = [`*${escapeMrkdwn(words.summary)}*`, words.description ?? ""]
    .join("\n").split("\n").map((line) => `>${line}`).join("\n");
  return `:warning: Your request “${
    escapeMrkdwn(words.summary)
  }” was not saved: Helpdesk stopped while opening it, so no ticket was made and nobody is working on it. To ask again, use the “Open a ticket” shortcut. Here is what you wrote, so that nothing is lost:\n${quoted}`;
}

/**
 * What a stray card of a ticket says instead (helpdesk/tickets/stray_cards
 * .ts): the ticket exists and is worked from another card, linked. The
 * stray may show another key: the attempt that posted it drew its own.
 */
export function strayCardText(key: string, cardLink: string | undefined) {
  const name = escapeMrkdwn(key);
  const card = cardLink ? `<${cardLink}|its card>` : "its card";
  return `:link: This is a second card of ${name}, posted when Helpdesk stopped part-way, and no longer kept up to date: ${name} is worked from ${card}.`;
}
