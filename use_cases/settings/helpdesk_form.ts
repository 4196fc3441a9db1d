// Opening "Configure Helpdesk" on what is saved: refused before it opens,
// so nobody fills it in vain. Its save is helpdesk_setup.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { listUsergroups } from "../../slack/workspace/usergroups.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { helpdeskModal } from "../../slack/blocks/helpdesk_modal.ts";
import { helpdeskFormFrom } from "../../helpdesk/helpdesk_form.ts";
import { helpdeskEditorRefusal, helpdeskVersion } from "./helpdesk_setup.ts";

/** False: the person was told why not, and nothing opened. */
export async function openHelpdeskForm(
  client: SlackAPIClient,
  admin: string,
  pointer: string,
  formView: string,
): Promise<boolean> {
  const [settings, groups] = await Promise.all([
    getSettings(client),
    listUsergroups(client),
  ]);
  const refusal = helpdeskEditorRefusal(settings, admin);
  if (refusal) {
    await tellPerson(client, { user: admin }, refusal);
    return false;
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view: helpdeskModal(
      helpdeskFormFrom(settings, admin),
      groups,
      formView,
      helpdeskVersion(settings),
    ),
  });
  return true;
}
