// The retention period as Configure Helpdesk takes it: apart from the purge
// rules in retention.ts, so the settings form does not bundle them (nor the
// history and ticket model they read).

/** Shorter would purge tickets still in My tickets (RECENT_DAYS) or reopenable. */
export const MIN_RETENTION_DAYS = 30;
/** Ten years: longer is a typo, not a policy. */
export const MAX_RETENTION_DAYS = 3650;

/** The retention period as typed in Configure Helpdesk; blank keeps all. */
export function retentionDays(
  typed: string | undefined,
): { ok: true; value: number } | { ok: false; problem: string } {
  const text = (typed ?? "").trim();
  if (!text || text === "0") return { ok: true, value: 0 };
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (
    !Number.isInteger(days) || days < MIN_RETENTION_DAYS ||
    days > MAX_RETENTION_DAYS
  ) {
    return {
      ok: false,
      problem:
        `“${text}” is not a number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}. Leave it blank to keep closed tickets.`,
    };
  }
  return { ok: true, value: days };
}
