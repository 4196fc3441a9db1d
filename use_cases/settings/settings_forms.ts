// What Helpdesk's settings modals share once submitted: a save either
// happens or answers with problems filed under the fields they are about.
// Problems are written in mrkdwn like every other message (typed text
// escaped, channels as <#C…>); Slack shows field errors as plain text, so
// they become plain words on the way out (form_errors.ts). A refusal is
// also sent as a DM, where it can name who may do it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface SaveProblems<F extends string> {
  ok: false;
  /** mrkdwn, by field. */
  errors: FieldErrors<F>;
  /** mrkdwn naming who may do it, for a DM. */
  refusal?: string;
}

export type SaveResult<F extends string> = { ok: true } | SaveProblems<F>;

/** Under the form's first field when the person may no longer save it. */
export const REFUSED_ON_SAVE =
  "Nothing was saved: you may not make this change (any more). Helpdesk sent you a message saying who may.";

export function refused<F extends string>(
  field: F,
  refusal: string,
): SaveProblems<F> {
  return {
    ok: false,
    errors: { [field]: REFUSED_ON_SAVE } as FieldErrors<F>,
    refusal,
  };
}

/**
 * The view_submission answer for a failed save: each error in plain words
 * ("you" for the person saving, channels by name), and the refusal, if
 * any, sent to them by DM.
 */
export async function answerWithErrors<F extends string>(
  client: SlackAPIClient,
  person: string,
  result: SaveProblems<F>,
) {
  if (result.refusal) {
    await tellPerson(client, { user: person }, result.refusal).catch((error) =>
      console.warn("settings refusal not sent", error)
    );
  }
  const words = { people: { [person]: "you" } };
  const entries = await Promise.all(
    Object.entries(result.errors).map(async ([field, text]) =>
      [field, await formError(client, String(text), words)] as const
    ),
  );
  return {
    response_action: "errors" as const,
    errors: Object.fromEntries(entries),
  };
}
