// Reading a submitted modal: Slack hands back view.state.values, by block
// id then action id, each element in its own shape. Helpdesk's settings
// modals give every input the same block and action id, so a field is read
// by one name. Anything of the wrong shape reads as empty: the values come
// from a person's client and are checked like any input.

export type ViewValues = Record<
  string,
  Record<string, Record<string, unknown>>
>;

/**
 * Text inputs, selects and multi-selects: all the settings forms hold. Apart
 * from ViewState's other readers because esbuild bundles a class whole, so
 * a form that reads only these does not carry the others.
 */
export class InputState {
  constructor(private values: ViewValues | undefined) {}

  protected element(field: string): Record<string, unknown> | undefined {
    const block = this.values?.[field];
    return block?.[field] ?? (block ? Object.values(block)[0] : undefined);
  }

  /** A plain_text_input's text, "" when empty. */
  text(field: string): string {
    const value = this.element(field)?.value;
    return typeof value === "string" ? value : "";
  }

  /** A users_select, conversations_select or static_select's choice. */
  choice(field: string): string | undefined {
    const element = this.element(field);
    const picked = element?.selected_user ?? element?.selected_conversation ??
      element?.selected_channel ??
      (element?.selected_option as { value?: unknown } | null | undefined)
        ?.value;
    return typeof picked === "string" && picked ? picked : undefined;
  }

  /** A multi_users_select or multi_conversations_select's choices. */
  list(field: string): string[] {
    const element = this.element(field);
    const picked = element?.selected_users ?? element?.selected_conversations ??
      element?.selected_channels;
    return Array.isArray(picked)
      ? picked.filter((v): v is string => typeof v === "string" && v !== "")
      : [];
  }
}

/** Every input Helpdesk's modals use: dates, files and checkboxes too. */
export class ViewState extends InputState {
  /** A datepicker's date (YYYY-MM-DD), "" when none. */
  date(field: string): string {
    const value = this.element(field)?.selected_date;
    return typeof value === "string" ? value : "";
  }

  /**
   * A file_input's files, by id (the state holds file objects under
   * `files`; slack/blocks/file_field.ts), none twice, at most 10.
   */
  files(field: string): string[] {
    const files = this.element(field)?.files;
    if (!Array.isArray(files)) return [];
    const ids = files.flatMap((f) => {
      const id = (f as { id?: unknown } | null)?.id;
      return typeof id === "string" && /^F[A-Z0-9]+$/.test(id) ? [id] : [];
    });
    return [...new Set(ids)].slice(0, 10);
  }

  /** A one-option checkboxes element: ticked or not. */
  checked(field: string): boolean {
    const options = this.element(field)?.selected_options;
    return Array.isArray(options) && options.length > 0;
  }
}

/**
 * Slack's plain_text_input holds at most 3,000 characters whatever its
 * max_length (docs.slack.dev/reference/block-kit/block-elements/
 * plain-text-input-element), and an initial_value over that makes the
 * modal invalid_blocks: a longer value was not typed in Slack.
 */
export const TEXT_INPUT_LIMIT = 3000;

/**
 * The fields whose text is longer than any Slack input takes, with what
 * to say under each; undefined when none is. Checked on the server, as the
 * values come from a person's client.
 */
export function overLongTexts(
  values: ViewValues | undefined,
): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  for (const [block, elements] of Object.entries(values ?? {})) {
    for (const element of Object.values(elements ?? {})) {
      const value = element?.value;
      if (typeof value === "string" && value.length > TEXT_INPUT_LIMIT) {
        errors[block] =
          `Keep it under ${TEXT_INPUT_LIMIT} characters (this is ${value.length}). Nothing was saved.`;
      }
    }
  }
  return Object.keys(errors).length ? errors : undefined;
}

/** private_metadata as JSON, or {} for anything else. */
export function metadataOf(privateMetadata: string | undefined) {
  try {
    const parsed = JSON.parse(privateMetadata || "{}");
    return parsed && typeof parsed === "object"
      ? parsed as Record<string, unknown>
      : {};
  } catch {
    return {};
  }
}
