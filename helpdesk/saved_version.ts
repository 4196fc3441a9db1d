// Settings forms open showing what is saved, so a form left open while
// someone else saves would put the old values back over theirs. Each form
// remembers which save it was opened on (the item's updated_at and
// updated_by); on submit, a newer save by someone else refuses it.

export interface SavedVersion {
  /** The item's updated_at when the form opened; 0 for a new item. */
  at: number;
  by?: string;
}

/**
 * Whether someone other than the editor saved the item after the form
 * opened. The editor's own later save (a submission retried after a
 * failure, a second window of theirs) is no conflict: theirs is the last
 * word either way.
 */
export function savedByOtherSince(
  opened: SavedVersion,
  stored: SavedVersion,
  editor: string,
): boolean {
  const changed = stored.at !== opened.at || (stored.by ?? "") !==
      (opened.by ?? "");
  return changed && stored.by !== editor;
}
