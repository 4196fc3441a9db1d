// "Erase a person", as Helpdesk's admins ask for it: whom (a user picker),
// then a confirmation naming them, then the request is recorded for the
// scheduled run (use_cases/schedule/erasure.ts), which does the work a few
// tickets a run and sends the receipt. Each step checks again that the
// person asking is one of Helpdesk's admins: a form opened before they
// lost the role saves nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { ModalView } from "@slack/types";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { getErasure, putErasure } from "../../slack/storage/erasure_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { botUserOf } from "../../slack/workspace/bot_user.ts";
import { people } from "../../slack/blocks/refusals.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";
import {
  ERASE_PERSON_BLOCK,
  erasureConfirmModal,
  erasurePickModal,
} from "../../slack/blocks/erasure_messages.ts";
import { refused, type SaveProblems } from "./settings_forms.ts";

export interface ErasureViews {
  pick: string;
  confirm: string;
}

async function refusal(client: SlackAPIClient, person: string) {
  const settings = await getSettings(client);
  if (!settings) return NOT_CONFIGURED;
  if (isHelpdeskAdmin(settings, person)) return undefined;
  return `Only Helpdesk's admins (${
    people(helpdeskAdmins(settings))
  }) can erase a person.`;
}

/** Opens the picker for an admin; false when they were told why not. */
export async function openErasureForm(
  client: SlackAPIClient,
  person: string,
  pointer: string,
  views: ErasureViews,
): Promise<boolean> {
  const no = await refusal(client, person);
  if (no) {
    await tellPerson(client, { user: person }, no);
    return false;
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view: erasurePickModal(views.pick),
  });
  return true;
}

export type ErasureStep =
  | { ok: true; view: ModalView }
  | SaveProblems<typeof ERASE_PERSON_BLOCK>;

const problem = (text: string): SaveProblems<typeof ERASE_PERSON_BLOCK> => ({
  ok: false,
  errors: { [ERASE_PERSON_BLOCK]: text },
});

/** The confirmation naming whom they chose, or why not. */
export async function chooseErasedPerson(
  client: SlackAPIClient,
  admin: string,
  chosen: string | undefined,
  views: ErasureViews,
): Promise<ErasureStep> {
  if (!chosen) return problem("Choose whom to erase.");
  const no = await refusal(client, admin);
  if (no) return refused(ERASE_PERSON_BLOCK, no);
  if (chosen === await botUserOf(client)) {
    return problem("That is Helpdesk itself; choose a person.");
  }
  return { ok: true, view: erasureConfirmModal(views.confirm, chosen) };
}

export type ErasureRequest =
  | { ok: true; person: string; already: boolean }
  | SaveProblems<typeof ERASE_PERSON_BLOCK>;

/**
 * Records the erasure of the person the confirmation named. Asked again
 * while one is under way, it is left as it is (the receipt comes once).
 */
export async function requestErasure(
  client: SlackAPIClient,
  admin: string,
  person: string | undefined,
  now: number,
): Promise<ErasureRequest> {
  if (!person) return problem("Choose whom to erase again.");
  const no = await refusal(client, admin);
  if (no) return refused(ERASE_PERSON_BLOCK, no);
  const current = await getErasure(client, person);
  if (current && current.stage !== "done") {
    return { ok: true, person, already: true };
  }
  await putErasure(client, {
    user: person,
    by: admin,
    requested_at: now,
    stage: "open",
    purged: [],
    cleaned: [],
    counts: { purged: 0, cleaned: 0 },
    replaced: 0,
    uneditable: 0,
  });
  return { ok: true, person, already: false };
}

/** Tells the admin what happens next. */
export async function confirmErasure(
  client: SlackAPIClient,
  admin: string,
  request: Extract<ErasureRequest, { ok: true }>,
) {
  const text = request.already
    ? `The erasure of ${
      userMention(request.person)
    } is already under way; you'll get its receipt by DM when it is done.`
    : `The erasure of ${
      userMention(request.person)
    } starts with the next scheduled run, within 15 minutes. You'll get a receipt by DM when it is done.`;
  await tellPerson(client, { user: admin }, text);
}
