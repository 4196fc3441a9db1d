import assert from "node:assert/strict";
import createTicket from "./handler.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";

// Each error Slack can answer, injected where create_ticket posts the card:
// what the person is told, and that the app logs it exactly once.
const CASES: Array<[string, Record<string, unknown>, RegExp]> = [
  [
    "missing_scope",
    { needed: "chat:write", provided: "datastore:read" },
    /permission `chat:write`.*redeploy Helpdesk with `slack deploy` and approve/,
  ],
  [
    "not_allowed_token_type",
    {},
    /does not accept Helpdesk's token for chat\.postMessage.*tell your Slack admin/,
  ],
  ["not_in_channel", {}, /not a member of <#CTRIAGE>.*`\/invite @Helpdesk`/],
  [
    "channel_not_found",
    {},
    /can't see <#CTRIAGE>.*`\/invite @Helpdesk`.*"Configure Helpdesk"/,
  ],
  ["user_not_found", {}, /not in this workspace/],
  ["token_revoked", {}, /access to this workspace was revoked.*reinstall/],
  ["invalid_auth", {}, /access to this workspace was revoked.*reinstall/],
  ["account_inactive", {}, /access to this workspace was revoked.*reinstall/],
];

Deno.test("Slack errors reach the person as what to do, and the log once", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  for (const [code, extra, advice] of CASES) {
    await t.step(code, async () => {
      slack.fail({
        method: "chat.postMessage",
        when: (args) => args.channel === TRIAGE,
        error: code,
        extra,
        // not_in_channel makes Helpdesk join and try once more.
        times: code === "not_in_channel" ? 2 : 1,
      });
      const logged: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        const result = await createTicket(
          functionContext("create_ticket", slack, {
            summary: `Case ${code}`,
            requester: PEOPLE.requester,
          }),
        );
        assert.match(result.error!, advice);
        assert.doesNotMatch(result.error!, new RegExp(`^${code}$`));
        const told = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
        assert.equal(told.text, result.error);
        assert.equal(logged.length, 1);
        assert.match(String(logged[0][1]), new RegExp(code));
      } finally {
        console.error = original;
      }
    });
  }
});
