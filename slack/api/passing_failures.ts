// Slack's failures that pass by themselves: a 5xx-like error, which may or
// may not have been carried out (nothing documents either way). A write
// that is the same whether it lands once or twice is asked again, once,
// rather than read back: the datastore's reads are eventually consistent
// (DynamoDB's default, docs.aws.amazon.com/amazondynamodb/latest/
// developerguide/HowItWorks.ReadConsistency.html), so a read made just after
// a write whose answer was lost may not show it, and a run that believed
// such a read would tell a person "not saved" of what was saved.
import { SlackCallError } from "./slack_call.ts";

export const PASSING_FAILURES = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export function isPassing(error: unknown): boolean {
  return error instanceof SlackCallError && PASSING_FAILURES.has(error.code);
}

/**
 * Runs an idempotent write; after a passing failure, once more. Its second
 * success proves it landed, which no read can.
 */
export async function onceMoreIfPassing<T>(
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isPassing(error)) throw error;
    return await write();
  }
}
