// What each step of the browser walkthrough is handed, and what the steps
// look for in the page. The steps are split by the section of
// docs/local-workspace.md they walk through (steps/); this keeps the one shape
// they share, so walkthrough_e2e.ts can run any of them in order.
import type { LocalPage } from "./local_page.ts";
import type { LocalWorkspace } from "../local/workspace_server.ts";

export interface Walk {
  ui: LocalPage;
  workspace: LocalWorkspace;
  /** Restarts the local workspace on the same saved state. */
  restart(): Promise<void>;
  /** Ticket keys by what they are about, as steps learn them. */
  keys: Record<string, string>;
}

export interface Step {
  name: string;
  run(walk: Walk): Promise<void>;
}

/** A ticket's key, as cards, DMs and threads show it. */
export const KEY = /HD-[0-9A-Z]{6}/;
/** The ISO fallback a date shows when it is not drawn as Slack draws it. */
export const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
