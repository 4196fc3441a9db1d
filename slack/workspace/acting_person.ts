// Who a function acts for. A function's inputs can be filled by whoever
// builds a workflow with its step (Workflow Builder, another app's workflow),
// so a plain user_id input is only a claim. An input of Slack's interactivity
// type is not: its `interactor` is a user_context, which Slack sets from the
// click, form or shortcut that started the run, signs with a secret it
// checks itself, and which Workflow Builder does not let a builder type in.
// Functions that act for a person therefore take the person from here.

/** The shape of Schema.slack.types.interactivity as handlers receive it. */
export interface Interactivity {
  interactivity_pointer?: string;
  interactor?: { id?: unknown; secret?: unknown };
}

/** A Slack user id as Slack writes them (U… or W… on Enterprise Grid). */
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/**
 * The person whose click, form or shortcut started this run, or undefined
 * when the interactivity carries none (a malformed or hand-made input).
 */
export function actingPerson(
  interactivity: Interactivity | undefined,
): string | undefined {
  const id = interactivity?.interactor?.id;
  return typeof id === "string" && USER_ID.test(id) ? id : undefined;
}

/** What a run without a person says: nothing was done for anyone. */
export const NO_ACTING_PERSON =
  "This step needs to know who is acting, and Slack gave no person (its interactivity has no interactor). Start it from Helpdesk's own buttons or shortcuts.";
