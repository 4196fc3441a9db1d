// Which ticket a modal belongs to travels in its private_metadata, the only
// state Slack hands back with a view submission.

export function ticketMetadata(ticketId: string): string {
  return JSON.stringify({ ticket_id: ticketId });
}

/** The ticket id a modal was opened for; undefined for anything else. */
export function ticketIdFromMetadata(privateMetadata: string | undefined) {
  try {
    const id = JSON.parse(privateMetadata ?? "{}").ticket_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
