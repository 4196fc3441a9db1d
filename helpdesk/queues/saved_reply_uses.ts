// Which saved replies a ticket's replies were made from, kept on the ticket
// for the report. Apart from saved_replies.ts, so the stores and the report
// that read these carry nothing else of saved replies into every bundle.

/** Stored uses on a ticket: "<reply id>@<unix time>", newest last. */
export const MAX_RECORDED_USES = 20;

export function recordUse(
  uses: readonly string[] | undefined,
  replyId: string,
  at: number,
): string[] {
  return [...(uses ?? []), `${replyId}@${at}`].slice(-MAX_RECORDED_USES);
}

export function parseUse(
  use: string,
): { replyId: string; at: number } | undefined {
  const match = /^([^@]+)@(\d+)$/.exec(use);
  return match ? { replyId: match[1], at: Number(match[2]) } : undefined;
}
