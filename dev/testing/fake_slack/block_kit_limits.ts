// The Block Kit limits Slack enforces with `invalid_blocks`, so that a card
// that would be refused by Slack is refused in tests too. Numbers are Slack's
// (docs.slack.dev/reference/block-kit and the @slack/types documentation).

type Obj = Record<string, unknown>;

const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  header: 150,
  text: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  placeholder: 150,
  optionText: 75,
  options: 100,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
};

/** Returns Slack-style messages describing each problem; empty when valid. */
export function blockKitProblems(
  blocks: unknown,
  surface: "message" | "view" = "message",
): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks must be an array"];
  const max = surface === "message"
    ? LIMITS.blocksPerMessage
    : LIMITS.blocksPerView;
  if (blocks.length > max) problems.push(`more than ${max} blocks`);
  const blockIds = new Set<string>();
  blocks.forEach((block: Obj, i) => {
    const at = `[${i}]`;
    if (typeof block?.type !== "string") {
      problems.push(`${at} has no type`);
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length > LIMITS.id) problems.push(`${at} block_id too long`);
      if (blockIds.has(id)) problems.push(`${at} duplicate block_id ${id}`);
      blockIds.add(id);
    }
    switch (block.type) {
      case "header":
        text(problems, `${at}.text`, block.text, LIMITS.header, "plain_text");
        break;
      case "section": {
        if (block.text === undefined && block.fields === undefined) {
          problems.push(`${at} section needs text or fields`);
        }
        if (block.text !== undefined) {
          text(problems, `${at}.text`, block.text, LIMITS.text);
        }
        if (block.fields !== undefined) {
          const fields = block.fields as unknown[];
          if (fields.length > LIMITS.fields) {
            problems.push(`${at} more than ${LIMITS.fields} fields`);
          }
          fields.forEach((f, j) =>
            text(problems, `${at}.fields[${j}]`, f, LIMITS.fieldText)
          );
        }
        if (block.accessory) {
          element(problems, `${at}.accessory`, block.accessory as Obj);
        }
        break;
      }
      case "context": {
        const elements = (block.elements ?? []) as Obj[];
        if (elements.length === 0 || elements.length > LIMITS.contextElements) {
          problems.push(
            `${at} context needs 1 to ${LIMITS.contextElements} elements`,
          );
        }
        elements.forEach((e, j) => {
          if (e.type !== "image") {
            text(problems, `${at}.elements[${j}]`, e, LIMITS.text);
          }
        });
        break;
      }
      case "actions": {
        const elements = (block.elements ?? []) as Obj[];
        if (elements.length === 0 || elements.length > LIMITS.actionsElements) {
          problems.push(
            `${at} actions needs 1 to ${LIMITS.actionsElements} elements`,
          );
        }
        const actionIds = new Set<string>();
        elements.forEach((e, j) => {
          element(problems, `${at}.elements[${j}]`, e);
          const id = e.action_id as string | undefined;
          if (id && actionIds.has(id)) {
            problems.push(`${at} duplicate action_id ${id}`);
          }
          if (id) actionIds.add(id);
        });
        break;
      }
      case "input":
        text(problems, `${at}.label`, block.label, 2000, "plain_text");
        element(problems, `${at}.element`, block.element as Obj);
        break;
      case "divider":
      case "image":
      case "rich_text":
      case "markdown":
        break;
      default:
        problems.push(`${at} unknown block type ${block.type}`);
    }
  });
  return problems;
}

function element(problems: string[], at: string, e: Obj | undefined) {
  if (!e || typeof e.type !== "string") {
    problems.push(`${at} element has no type`);
    return;
  }
  if (typeof e.action_id === "string" && e.action_id.length > LIMITS.id) {
    problems.push(`${at} action_id too long`);
  }
  if (e.placeholder) {
    text(
      problems,
      `${at}.placeholder`,
      e.placeholder,
      LIMITS.placeholder,
      "plain_text",
    );
  }
  if (e.confirm) {
    const c = e.confirm as Obj;
    text(
      problems,
      `${at}.confirm.title`,
      c.title,
      LIMITS.confirmTitle,
      "plain_text",
    );
    text(problems, `${at}.confirm.text`, c.text, LIMITS.confirmText);
    text(
      problems,
      `${at}.confirm.confirm`,
      c.confirm,
      LIMITS.confirmButton,
      "plain_text",
    );
    text(
      problems,
      `${at}.confirm.deny`,
      c.deny,
      LIMITS.confirmButton,
      "plain_text",
    );
  }
  if (e.type === "workflow_button") {
    const trigger = (e.workflow as Obj | undefined)?.trigger as Obj | undefined;
    if (typeof trigger?.url !== "string") {
      problems.push(`${at} needs workflow.trigger.url`);
    }
    const inputs = (trigger?.customizable_input_parameters ?? []) as Obj[];
    if (inputs.length > 10) {
      problems.push(`${at} has more than 10 customizable inputs`);
    }
  }
  if (e.type === "button" || e.type === "workflow_button") {
    text(problems, `${at}.text`, e.text, LIMITS.buttonText, "plain_text");
    if (typeof e.value === "string" && e.value.length > LIMITS.buttonValue) {
      problems.push(`${at} button value too long`);
    }
  }
  // An initial choice must be one of the options, text and value alike.
  const offered = [
    ...((e.options ?? []) as Obj[]),
    ...((e.option_groups ?? []) as Obj[]).flatMap((g) =>
      (g.options ?? []) as Obj[]
    ),
  ].map((o) => JSON.stringify([(o.text as Obj)?.text, o.value]));
  const initial = [
    ...(e.initial_option ? [e.initial_option as Obj] : []),
    ...((e.initial_options ?? []) as Obj[]),
  ];
  for (const choice of initial) {
    const key = JSON.stringify([(choice.text as Obj)?.text, choice.value]);
    if (!offered.includes(key)) {
      problems.push(`${at} initial option ${choice.value} is not an option`);
    }
  }
  if (e.type === "checkboxes") {
    const options = (e.options ?? []) as Obj[];
    if (options.length === 0 || options.length > 10) {
      problems.push(`${at} checkboxes need 1 to 10 options`);
    }
  }
  if (e.type === "static_select" && e.option_groups !== undefined) {
    // Either options or option_groups: up to 100 groups of up to 100.
    const groups = e.option_groups as Obj[];
    if (e.options !== undefined) {
      problems.push(`${at} has both options and option_groups`);
    }
    if (groups.length === 0 || groups.length > LIMITS.options) {
      problems.push(`${at} needs 1 to ${LIMITS.options} option groups`);
    }
    groups.forEach((g, i) => {
      text(
        problems,
        `${at}.option_groups[${i}].label`,
        g.label,
        LIMITS.optionText,
        "plain_text",
      );
      const options = (g.options ?? []) as Obj[];
      if (options.length === 0 || options.length > LIMITS.options) {
        problems.push(
          `${at}.option_groups[${i}] needs 1 to ${LIMITS.options} options`,
        );
      }
      options.forEach((o, j) =>
        text(
          problems,
          `${at}.option_groups[${i}].options[${j}].text`,
          o.text,
          LIMITS.optionText,
          "plain_text",
        )
      );
    });
  } else if (e.type === "static_select" || e.type === "overflow") {
    const options = (e.options ?? []) as Obj[];
    if (options.length === 0 || options.length > LIMITS.options) {
      problems.push(`${at} needs 1 to ${LIMITS.options} options`);
    }
    options.forEach((o, j) =>
      text(
        problems,
        `${at}.options[${j}].text`,
        o.text,
        LIMITS.optionText,
        "plain_text",
      )
    );
  }
}

function text(
  problems: string[],
  at: string,
  value: unknown,
  limit: number,
  only?: "plain_text",
) {
  const t = value as Obj | undefined;
  if (!t || (t.type !== "plain_text" && t.type !== "mrkdwn")) {
    problems.push(`${at} must be a text object`);
    return;
  }
  if (only && t.type !== only) problems.push(`${at} must be ${only}`);
  const s = String(t.text ?? "");
  if (s.length === 0) problems.push(`${at} is empty`);
  if ([...s].length > limit) {
    // Slack's own words, e.g. for a section's text over 3,000: "must be
    // less than 3001 characters [json-pointer:/blocks/0/text/text]".
    const pointer = `/blocks${
      at.replace(/\[(\d+)\]/g, "/$1").replaceAll(".", "/")
    }/text`;
    problems.push(
      `must be less than ${limit + 1} characters [json-pointer:${pointer}]`,
    );
  }
}
