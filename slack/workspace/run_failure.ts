// How a function's run ends when it fails: the details go to the log once,
// the person who started it is told in plain words what did not happen and
// what to do about it, and the run returns the same words as its error
// (what the workflow's activity log shows). Telling them is best effort: a
// run that failed must still return its error.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { explainFailure } from "../api/error_messages.ts";
import { tellPerson } from "./tell_person.ts";

export interface RunFailure {
  /**
   * The log line's words, logged with the error. Left out for an expected
   * refusal whose message says everything (a settings problem).
   */
  log?: string;
  /** Who is told, and where (see tellPerson). Left out: nobody is. */
  tell?: Parameters<typeof tellPerson>[1];
  /** What did not happen, said before the explanation of why. */
  what?: string;
  /** The whole message instead, when the explanation is not Slack's. */
  message?: string;
}

export async function failAndTell(
  client: SlackAPIClient,
  error: unknown,
  failure: RunFailure,
): Promise<{ error: string }> {
  if (failure.log) console.error(failure.log, error);
  const message = failure.message ??
    (failure.what
      ? `${failure.what} ${explainFailure(error)}`
      : explainFailure(error));
  if (failure.tell) {
    await tellPerson(client, failure.tell, message).catch((told) =>
      console.warn(`${failure.tell!.user} was not told: ${message}`, told)
    );
  }
  return { error: message };
}
