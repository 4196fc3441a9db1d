// Satisfaction ratings: once a ticket is resolved its requester may rate it
// from 1 to 5 and add a comment. Only the requester's voice counts, so
// nobody else can rate; a later rating replaces an earlier one, since people
// click the wrong star and should be able to fix it.
import type { Ticket } from "./model.ts";

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const RATING_LABELS: Record<number, string> = {
  1: "Very unhappy",
  2: "Unhappy",
  3: "Okay",
  4: "Happy",
  5: "Very happy",
};
export const COMMENT_LIMIT = 1000;

export type RatingOutcome =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: string };

export function rateTicket(
  ticket: Ticket,
  userId: string,
  rating: unknown,
  now: number,
): RatingOutcome {
  const refusal = whyNot(ticket, userId);
  if (refusal) return { ok: false, reason: refusal };
  const value = Number(rating);
  if (!RATINGS.includes(value as typeof RATINGS[number])) {
    return {
      ok: false,
      // Not echoed: a button's value can be anything someone crafted.
      reason: "A rating is a whole number from 1 to 5.",
    };
  }
  return { ok: true, ticket: { ...ticket, rating: value, rated_at: now } };
}

export function commentOnRating(
  ticket: Ticket,
  userId: string,
  comment: string | undefined,
  now: number,
): RatingOutcome {
  const refusal = whyNot(ticket, userId);
  if (refusal) return { ok: false, reason: refusal };
  if (ticket.rating === undefined) {
    return { ok: false, reason: `Rate ${ticket.key} before commenting.` };
  }
  const text = (comment ?? "").trim();
  if (text.length > COMMENT_LIMIT) {
    return {
      ok: false,
      reason:
        `Please keep the comment under ${COMMENT_LIMIT} characters (it has ${text.length}).`,
    };
  }
  const next: Ticket = { ...ticket, rated_at: now };
  if (text) next.rating_comment = text;
  else delete next.rating_comment;
  return { ok: true, ticket: next };
}

function whyNot(ticket: Ticket, userId: string): string | undefined {
  if (userId !== ticket.requester) {
    return `Only the person who opened ${ticket.key} can rate it.`;
  }
  if (ticket.status !== "resolved" && ticket.status !== "closed") {
    return `${ticket.key} isn't resolved yet: you can rate it once it is.`;
  }
  return undefined;
}
