// Slack's built-in OpenForm function, as the local runtime shows it: the
// form's fields become a modal's input blocks, and the submitted state becomes
// the function's `fields` output, typed as the manifest declares them.
export const OPEN_FORM_ID = "slack#/functions/open_form";

interface FormElement {
  name: string;
  title: string;
  type: string;
  description?: string;
  long?: boolean;
  enum?: string[];
  choices?: Array<{ value: string; title: string }>;
  default?: unknown;
  maxLength?: number;
  items?: { type: string };
}

export interface FormInputs {
  title: string;
  description?: string;
  submit_label?: string;
  fields: { elements: FormElement[]; required?: string[] };
}

/** A user group as Slack's pickers show it: by handle when it has one. */
export interface UsergroupChoice {
  id: string;
  handle?: string;
}

export function formView(
  form: FormInputs,
  usergroups: UsergroupChoice[],
): Record<string, unknown> {
  const required = new Set(form.fields.required ?? []);
  const blocks: unknown[] = [];
  if (form.description) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: form.description },
    });
  }
  for (const field of form.fields.elements) {
    blocks.push({
      type: "input",
      block_id: field.name,
      optional: !required.has(field.name),
      label: { type: "plain_text", text: field.title },
      ...(field.description
        ? { hint: { type: "plain_text", text: field.description } }
        : {}),
      element: { action_id: field.name, ...formElement(field, usergroups) },
    });
  }
  return {
    type: "modal",
    callback_id: "open_form",
    title: { type: "plain_text", text: form.title.slice(0, 24) },
    submit: { type: "plain_text", text: form.submit_label ?? "Submit" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

function formElement(
  field: FormElement,
  usergroups: UsergroupChoice[],
): Record<string, unknown> {
  const options = (values: Array<{ value: string; title: string }>) =>
    values.map((c) => ({
      text: { type: "plain_text", text: c.title },
      value: c.value,
    }));
  if (field.enum) {
    const choices = field.choices ??
      field.enum.map((v) => ({ value: v, title: v }));
    const initial = choices.find((c) => c.value === field.default);
    return {
      type: "static_select",
      options: options(choices),
      ...(initial ? { initial_option: options([initial])[0] } : {}),
    };
  }
  switch (field.type) {
    case "slack#/types/user_id":
      return { type: "users_select" };
    case "slack#/types/channel_id":
      return { type: "conversations_select" };
    case "slack#/types/usergroup_id":
      // Block Kit has no user group picker; Slack's own form does.
      return {
        type: "static_select",
        options: options(
          usergroups.map(({ id, handle }) => ({
            value: id,
            title: handle ? `@${handle}` : id,
          })),
        ),
      };
    case "boolean":
      return {
        type: "checkboxes",
        options: options([{ value: "true", title: "Yes" }]),
      };
    case "array":
      if (field.items?.type === "slack#/types/user_id") {
        return { type: "multi_users_select" };
      }
      if (field.items?.type === "slack#/types/channel_id") {
        return { type: "multi_conversations_select" };
      }
      return { type: "plain_text_input" };
    default:
      return {
        type: "plain_text_input",
        multiline: field.long ?? false,
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
      };
  }
}

type StateValue = Record<string, unknown>;

/** The `fields` output: one value per answered field, by name. */
export function formFields(
  form: FormInputs,
  state: Record<string, Record<string, StateValue>>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of form.fields.elements) {
    const value = stateValue(state[field.name]?.[field.name]);
    if (
      value !== undefined && value !== "" &&
      !(Array.isArray(value) && value.length === 0)
    ) {
      fields[field.name] = value;
    }
  }
  return fields;
}

/** Reads one element's state the way Slack reports it, whatever the type. */
export function stateValue(state: StateValue | undefined): unknown {
  if (!state) return undefined;
  if ("value" in state) return state.value ?? undefined;
  if ("selected_option" in state) {
    return (state.selected_option as { value?: string } | null)?.value;
  }
  if ("selected_user" in state) return state.selected_user ?? undefined;
  if ("selected_users" in state) return state.selected_users;
  if ("selected_conversation" in state) {
    return state.selected_conversation ?? undefined;
  }
  if ("selected_channel" in state) return state.selected_channel ?? undefined;
  if ("selected_date" in state) return state.selected_date ?? undefined;
  if ("selected_conversations" in state) return state.selected_conversations;
  // A form's boolean is one checkbox: checked is true, unchecked absent.
  if ("selected_options" in state) {
    return (state.selected_options as unknown[]).length > 0 || undefined;
  }
  return undefined;
}

/** Turns plain answers into Slack's view state for the view's elements. */
export function stateFor(
  view: Record<string, unknown>,
  answers: Record<string, unknown>,
): Record<string, Record<string, StateValue>> {
  const state: Record<string, Record<string, StateValue>> = {};
  for (const block of (view.blocks ?? []) as Array<Record<string, unknown>>) {
    if (block.type !== "input") continue;
    const element = block.element as { type: string; action_id: string };
    const answer = answers[block.block_id as string];
    const type = element.type;
    const value: StateValue = { type };
    if (type === "plain_text_input") value.value = answer ?? null;
    else if (type === "static_select") {
      value.selected_option = answer === undefined ? null : { value: answer };
    } else if (type === "users_select") value.selected_user = answer ?? null;
    else if (type === "multi_users_select") value.selected_users = answer ?? [];
    else if (type === "conversations_select") {
      value.selected_conversation = answer ?? null;
    } else if (type === "channels_select") {
      value.selected_channel = answer ?? null;
    } else if (type === "datepicker") value.selected_date = answer ?? null;
    else if (type === "multi_conversations_select") {
      value.selected_conversations = answer ?? [];
    } else if (type === "checkboxes") {
      const checked = answer === true || answer === "true";
      value.selected_options = checked ? [{ value: "true" }] : [];
    } else if (type === "file_input") {
      // The files the page uploaded first, by id (Slack hands file objects).
      value.files = (Array.isArray(answer) ? answer : []).map((id) => ({
        id: String(id),
      }));
    }
    state[block.block_id as string] = { [element.action_id]: value };
  }
  return state;
}
