// A desk with JSM on and one ticket synced to it, and a JSM agent's public
// answer on that request as JSM's webhook hands it to jsm_update.
import jsmUpdate from "../../functions/jsm_update/handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "../../functions/jsm_update/definition.ts";
import { configure, functionContext, storedTicket } from "./harness.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import type { FakeJsm } from "./fake_jsm/server.ts";
import { openSyncedTicket } from "./jsm_fixtures.ts";
import { WEBHOOK_SECRET as SECRET } from "./file_fixtures.ts";

export async function deskWithSyncedTicket(slack: FakeSlack, jsm: FakeJsm) {
  await configure(slack);
  const { env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  const saved = await storedTicket(slack, ticket.id);
  /** Grace's public comment `comment` (JSM's id `id`) on the request. */
  const answer = (comment: string, id = "10001") =>
    jsmUpdate(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: SECRET,
      issue_key: saved.jsm_key!,
      comment,
      comment_id: id,
      comment_author: "Grace (IT)",
      comment_public: "true",
    }, env));
  return { ticket, saved, answer };
}
