// A click on a message's button or menu, read as Slack reads it: the element
// found by its action id in the message's blocks, a workflow button's link
// trigger with the values its customizable inputs pass, and, for any other
// element, the action a block_actions payload carries (a menu's choice named
// as Slack names it for its type). Kept apart from LocalRuntime
// (local_runtime.ts), which routes the click to the run it starts or to the
// execution that posted the message.
import type { FakeTrigger } from "../../testing/fake_slack/trigger_methods.ts";
import type { FakeMessage } from "../../testing/fake_slack/workspace.ts";

type Element = Record<string, unknown>;

/** The element with `actionId` on the message, and the block it is in. */
export function elementOn(
  message: FakeMessage | undefined,
  actionId: string,
): { block: Element; element: Element } | undefined {
  return ((message?.blocks ?? []) as Array<Element>)
    .flatMap((block) => {
      const elements = (block.elements ??
        (block.accessory ? [block.accessory] : [])) as Array<Element>;
      return elements.map((element) => ({ block, element }));
    })
    .find(({ element }) => element.action_id === actionId);
}

/**
 * The link trigger behind a workflow button, and the values its
 * customizable inputs pass.
 */
export function workflowButtonTrigger(
  triggers: Iterable<FakeTrigger>,
  button: Element,
): { trigger: FakeTrigger; params: Record<string, string> } {
  const { url, customizable_input_parameters } = (button.workflow as {
    trigger: {
      url: string;
      customizable_input_parameters?: Array<{ name: string; value: string }>;
    };
  }).trigger;
  const trigger = [...triggers].find((t) => t.shortcut_url === url);
  if (!trigger) throw new Error(`the trigger behind ${url} no longer exists`);
  const params = Object.fromEntries(
    (customizable_input_parameters ?? []).map((p) => [p.name, p.value]),
  );
  return { trigger, params };
}

/** The action a block_actions payload carries for a click on `element`. */
export function blockAction(
  block: Element,
  element: Element,
  actionId: string,
  value?: string,
): Record<string, unknown> {
  return {
    type: element.type,
    action_id: actionId,
    block_id: block.block_id,
    action_ts: String(Date.now() / 1000),
    ...(value === undefined
      ? { value: element.value }
      : selectedValue(String(element.type), value)),
  };
}

/** A menu's choice as Slack reports it in the action. */
function selectedValue(type: string, value: string): Record<string, unknown> {
  if (type === "users_select") return { selected_user: value };
  if (type === "conversations_select") return { selected_conversation: value };
  if (type === "channels_select") return { selected_channel: value };
  return { selected_option: { value } };
}
