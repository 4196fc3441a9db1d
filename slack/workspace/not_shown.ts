// What a person is told of a saved change that Slack did not show in full.
// The change is saved: doing it again repeats it (a second reply, a second
// status line), so nobody is told to try again. A part Helpdesk shows later
// by itself (shownLater in outbox.ts: a message kept on the ticket, which
// the scheduled check sends; a card marked to be redrawn, which the next
// change or the scheduled check redraws) is said to come; for the rest, the
// person is asked to tell whoever must know.
/** The notice; empty when everything was shown. */
export function notShownNotice(key: string, notShown: unknown[]): string {
  return notShown.length
    ? `${key} is saved, but Slack didn't show all of it: ${
      notShown.every((f) => (f as { later?: unknown }).later)
        ? "Helpdesk shows the rest within 15 minutes"
        : "Helpdesk won't retry, so tell whoever must know"
    }. Doing it again would repeat it.`
    : "";
}
