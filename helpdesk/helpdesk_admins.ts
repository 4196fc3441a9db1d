// Helpdesk's admins: the people who may change what applies to the whole
// help desk (Configure Helpdesk, service levels, new queues, the ticket
// emoji, the weekly report's schedule), and any queue besides. They are
// people, named in the settings; the first person to configure a fresh
// install becomes the first one.
import type { HelpdeskSettings } from "./settings.ts";

/** Slack's multi-user pickers and DMs stay manageable at this size. */
export const MAX_HELPDESK_ADMINS = 25;

type AdminFields = Pick<HelpdeskSettings, "admins" | "updated_by" | "owner">;

/**
 * The admins of configured settings. Settings saved before Helpdesk had
 * admins name none: then the person who last saved Configure Helpdesk and
 * the escalation owner (whom an admin chose in the service levels) are the
 * admins, until Configure Helpdesk is saved with a list.
 */
export function helpdeskAdmins(settings: AdminFields): string[] {
  if (settings.admins?.length) return [...new Set(settings.admins)];
  return [
    ...new Set([settings.updated_by, settings.owner].filter(isUserId)),
  ];
}

/**
 * Whether the person may change Helpdesk-wide settings. Before Helpdesk is
 * configured at all, anyone may: the first one to save becomes its admin.
 */
export function mayChangeHelpdesk(
  settings: AdminFields | undefined,
  person: string,
): boolean {
  if (!settings) return true;
  return helpdeskAdmins(settings).includes(person);
}

export function isHelpdeskAdmin(
  settings: AdminFields | undefined,
  person: string,
): boolean {
  return settings !== undefined && helpdeskAdmins(settings).includes(person);
}

/**
 * The admin list a Configure Helpdesk save leaves. The form opens showing
 * the current admins (the editor alone on a fresh install) and requires the
 * field; a submission without a list (an older trigger's form, or one made
 * by hand) keeps the current admins, or makes the editor the first admin of
 * a fresh install. A list must keep the editor: nobody removes themselves,
 * so the desk always has an admin who knows they are one.
 */
export function nextHelpdeskAdmins(
  typed: readonly string[] | undefined,
  current: AdminFields | undefined,
  editor: string,
): { ok: true; admins: string[] } | { ok: false; problem: string } {
  const list = [...new Set((typed ?? []).filter(isUserId))];
  if (list.length === 0) {
    return {
      ok: true,
      admins: current ? helpdeskAdmins(current) : [editor],
    };
  }
  if (!list.includes(editor)) {
    return {
      ok: false,
      problem:
        "You can't remove yourself from Helpdesk's admins: keep yourself in the list (another admin can remove you).",
    };
  }
  if (list.length > MAX_HELPDESK_ADMINS) {
    return {
      ok: false,
      problem:
        `Helpdesk can have up to ${MAX_HELPDESK_ADMINS} admins; give the others a queue role instead.`,
    };
  }
  return { ok: true, admins: list };
}

function isUserId(id: unknown): id is string {
  return typeof id === "string" && /^[UW][A-Z0-9]+$/.test(id);
}
