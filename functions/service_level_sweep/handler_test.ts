import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SWEEP_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  openTestTicket,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";

Deno.test("sweep_service_levels", async (t) => {
  await using slack = await startFakeSlack();

  await t.step("before setup there is nothing to do", async () => {
    const result = await handler(functionContext(SWEEP_CALLBACK_ID, slack, {}));
    assert.deepEqual(result.outputs, {
      examined: 0,
      notices: 0,
      auto_closed: 0,
      finished: true,
      jsm_due: [],
    });
  });

  await t.step("a scheduled run announces what is due", async () => {
    await configure(slack);
    const now = Math.floor(Date.now() / 1000);
    const ticket = await openTestTicket(slack, {
      created_at: now - 5 * 3600,
      sla_next_check_at: now - 60,
    });
    const result = await handler(functionContext(SWEEP_CALLBACK_ID, slack, {}));
    assert.deepEqual(result.outputs, {
      examined: 1,
      notices: 1,
      auto_closed: 0,
      finished: true,
      jsm_due: [],
    });
    const [breach] = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
    assert.match(breach.text, /missed its first-response target/);
  });
});
