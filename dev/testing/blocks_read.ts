// Reading what a person would see in Block Kit, for tests: the buttons a
// message or a modal offers, and its text as one string.

interface WithBlocks {
  blocks?: unknown[];
}

type Element = {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text?: string };
  workflow?: {
    trigger?: {
      customizable_input_parameters?: Array<{ name: string; value: string }>;
    };
  };
};

/** Every button and menu, in reading order (section accessories too). */
export function elementsOf(surface: WithBlocks): Element[] {
  return ((surface.blocks ?? []) as Array<Record<string, unknown>>).flatMap(
    (block) =>
      (block.elements as Element[] | undefined) ??
        (block.accessory ? [block.accessory as Element] : []),
  ).filter((e) => typeof e?.action_id === "string");
}

/** The action ids of its buttons and menus, in reading order. */
export function buttonsOf(surface: WithBlocks): string[] {
  return elementsOf(surface).map((e) => e.action_id!);
}

/** The action id of the button labelled `label`; none fails the test. */
export function buttonOn(surface: WithBlocks, label: string): string {
  const found = elementsOf(surface).find((e) => e.text?.text === label);
  if (!found) throw new Error(`no "${label}" button`);
  return found.action_id!;
}

/** A workflow button's customizable inputs, by name. */
export function workflowInputs(element: Element): Record<string, string> {
  return Object.fromEntries(
    (element.workflow?.trigger?.customizable_input_parameters ?? []).map((
      p,
    ) => [p.name, p.value]),
  );
}

/** Everything it says, for matching: the blocks as JSON. */
export function shownText(surface: WithBlocks): string {
  return JSON.stringify(surface.blocks ?? []);
}
