// Messages Slack refused for now (outbox.ts), kept on their ticket by a run
// that no longer holds its lock: the conversation, which delivers its words
// once its change is saved and the lock let go, and the JSM comments relayed
// to Slack, which change nothing else. A change's own messages are kept
// under the lock it holds (publish_change.ts).
import type { Keep } from "../../slack/workspace/outbox.ts";
import { updateFieldsUnderLock } from "./change_under_lock.ts";

/**
 * Keeps the messages for the scheduled check under the ticket's lock, added
 * to the outbox as stored then: a change saved meanwhile, whose whole
 * ticket was read before, would otherwise write over them
 * (functions/update_ticket/kept_words_race_test.ts). A ticket busy past the
 * lock's wait gets a second wait; still busy, the messages are answered as
 * not kept, for the caller to tell as lost
 * (functions/update_ticket/kept_words_busy_test.ts,
 * functions/jsm_update/comment_busy_test.ts).
 */
export const keepUnderLock: Keep = async (client, ticket, messages) => {
  if (messages.length === 0) return true;
  for (const attempt of [1, 2]) {
    const kept = await updateFieldsUnderLock(client, ticket, (latest) => ({
      outbox: [
        ...latest.outbox ?? [],
        ...messages.map((m) => JSON.stringify(m)),
      ],
      outbox_due: true,
    })).catch((error) => ({ ok: false as const, reason: String(error) }));
    if (kept.ok) return true;
    console.error(`${ticket.key}: messages not kept (${attempt})`, kept.reason);
  }
  return false;
};
