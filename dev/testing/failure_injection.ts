// A failure at one chosen Slack call, then what Slack makes happen next:
// what the failure-and-retry tests share. Each call fails two ways: refused
// before it did anything, and done but answered with an error (a timeout
// after the write).
import type { FakeSlack } from "./fake_slack/server.ts";
import { clientFor, defaultSettings } from "./harness.ts";
import { repairStalledTickets } from "../../use_cases/schedule/ticket_repair.ts";

export type Mode = "refused" | "done, answer lost";
export const MODES: Mode[] = ["refused", "done, answer lost"];

/** Fails the call numbered `index` (0 = the next one), once. */
export function failCall(slack: FakeSlack, index: number, mode: Mode) {
  let seen = 0;
  slack.fail({
    method: "*",
    when: () => seen++ === index,
    error: "internal_error",
    afterEffect: mode === "done, answer lost",
  });
}

/** How many calls a clean run of `attempt` makes. */
export async function callsOf(slack: FakeSlack, attempt: () => unknown) {
  const before = slack.calls.length;
  await attempt();
  return slack.calls.length - before;
}

/**
 * The scheduled check's repairs, as if it came two minutes later: long after
 * any stale-reads window (its reads see every write before it).
 */
export function scheduledCheck(slack: FakeSlack) {
  slack.settleReads();
  return repairStalledTickets(
    clientFor(slack),
    defaultSettings(),
    Math.floor(Date.now() / 1000) + 120,
    () => false,
  );
}
