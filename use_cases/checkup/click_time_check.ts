// How long a click takes to answer. Slack gives a form submission or a
// button's answer 3 s in practice (deno-slack-sdk issue 223; the docs say
// 10 s), and the slowest of Helpdesk's answers takes about
// SLOWEST_CLICK_ROUND_TRIPS Slack calls one after another (docs/scale.md:
// Move… answers after 2228 ms at 150 ms a call). So the time of one round
// trip from Slack's runtime to its Web API, measured here, says whether the
// slowest answer fits.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";

export const CLICK_CHECK = "Time to answer a click";
/** Move…'s answer: 2228 ms at 150 ms a call (docs/scale.md). */
export const SLOWEST_CLICK_ROUND_TRIPS = 15;
export const CLICK_DEADLINE_MS = 3_000;
const SAMPLES = 5;

export async function checkClickTime(
  client: SlackAPIClient,
  now: () => number = () => performance.now(),
): Promise<CheckupLine> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = now();
    await slackCall(client, "auth.test", {});
    times.push(now() - start);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(SAMPLES / 2)];
  const slowest = Math.round(median * SLOWEST_CLICK_ROUND_TRIPS);
  const found = `One round trip to Slack takes ${
    Math.round(median)
  } ms (median of ${SAMPLES}); the slowest answer (Move…, ${SLOWEST_CLICK_ROUND_TRIPS} in a row) would take about ${
    (slowest / 1000).toFixed(1)
  } s of Slack's ${CLICK_DEADLINE_MS / 1000} s.`;
  if (slowest <= CLICK_DEADLINE_MS) return pass(CLICK_CHECK, found);
  return fail(
    CLICK_CHECK,
    found,
    "Slow answers may show people an error for a change that was saved. Run the check-up again at a quieter time; if it stays slow, tell Helpdesk's maintainers with these numbers.",
  );
}
