// A message Slack refuses for a passing reason is kept on the ticket for
// the scheduled check by a run that holds no lock then, so a change saved
// at that moment must not write over it. This stages that moment: the
// refused post lets `claimer` claim the ticket, whose save is held until
// the kept message is written (or a second passed), so it lands right
// after it, carrying the ticket as it was read before.
import type { FakeSlack } from "./fake_slack/server.ts";
import type { Args } from "./fake_slack/slack_error.ts";
import { click } from "./queue_actions.ts";

/** Awaits the claim the refused post set off (once the run is done). */
export function claimWhenRefused(
  slack: FakeSlack,
  ticketId: string,
  claimer: string,
  isRefusedPost: (args: Args) => boolean,
): () => Promise<unknown> {
  slack.fail({
    method: "chat.postMessage",
    error: "internal_error",
    when: isRefusedPost,
  });
  let claim: Promise<unknown> | undefined;
  let claimSaving: () => void;
  const claimSaves = new Promise<void>((r) => claimSaving = r);
  let keptWritten: () => void;
  const kept = new Promise<void>((r) => keptWritten = r);
  slack.onCall((call) => {
    const item = call.args.item as { outbox?: unknown } | undefined;
    if (call.method === "apps.datastore.update" && item?.outbox) keptWritten();
  });
  slack.beforeAnswer(async (method, args) => {
    if (method === "chat.postMessage" && isRefusedPost(args) && !claim) {
      claim = Promise.resolve(click(slack, ticketId, "claim", claimer));
      await Promise.race([claimSaves, claim]);
    }
    const item = args.item as { assignee?: string } | undefined;
    if (
      method === "apps.datastore.put" && args.datastore === "tickets" &&
      item?.assignee === claimer
    ) {
      claimSaving();
      await Promise.race([kept, new Promise((r) => setTimeout(r, 1000))]);
    }
  });
  return () => claim ?? Promise.resolve();
}
