// Which save a settings modal was opened on, and what it was opened for,
// carried in its private_metadata: set by Helpdesk when it opens or
// replaces the view, handed back by Slack with the submission.
import type { SavedVersion } from "../../helpdesk/saved_version.ts";
import { metadataOf } from "./view_state.ts";

export type { SavedVersion };

export interface ModalSubject extends SavedVersion {
  /** The queue (or request type) being edited; absent for a new one. */
  id?: string;
  /** For a request type: its queue. */
  queue?: string;
}

export function versionMetadata(subject: ModalSubject): string {
  return JSON.stringify(subject);
}

export function subjectOf(privateMetadata: string | undefined): ModalSubject {
  const data = metadataOf(privateMetadata);
  const text = (v: unknown) => typeof v === "string" && v ? v : undefined;
  return {
    at: typeof data.at === "number" ? data.at : 0,
    by: text(data.by),
    id: text(data.id),
    queue: text(data.queue),
  };
}
