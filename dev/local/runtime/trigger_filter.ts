// Evaluates an event trigger's filter the way Slack does: statements like
// `{{data.reaction}} == eyes` (the value may be quoted) combined with AND, OR
// and NOT, against the event's data.
import { resolveTemplates } from "./templates.ts";

export interface FilterNode {
  statement?: string;
  operator?: "AND" | "OR" | "NOT";
  inputs?: FilterNode[];
}

export function matchesFilter(
  filter: { root: FilterNode } | undefined,
  data: Record<string, unknown>,
): boolean {
  return filter ? evaluate(filter.root, data) : true;
}

function evaluate(node: FilterNode, data: Record<string, unknown>): boolean {
  if (node.statement !== undefined) return statement(node.statement, data);
  const inputs = node.inputs ?? [];
  switch (node.operator) {
    case "AND":
      return inputs.every((n) => evaluate(n, data));
    case "OR":
      return inputs.some((n) => evaluate(n, data));
    case "NOT":
      return !evaluate(inputs[0], data);
    default:
      throw new Error(`unknown filter operator ${node.operator}`);
  }
}

const STATEMENT =
  /^\s*(\{\{[\w.]+\}\})\s*(==|!=|>=|<=|>|<|CONTAINS)\s*(.+?)\s*$/;

function statement(text: string, data: Record<string, unknown>): boolean {
  const match = text.match(STATEMENT);
  if (!match) throw new Error(`can't read the filter statement ${text}`);
  const [, reference, operator, raw] = match;
  const left = resolveTemplates(reference, { data });
  const right = raw.replace(/^(['"])(.*)\1$/, "$2");
  if (right === "null") return operator === "==" ? left == null : left != null;
  switch (operator) {
    case "==":
      return String(left) === right;
    case "!=":
      return String(left) !== right;
    case "CONTAINS":
      return String(left ?? "").includes(right);
    default: {
      const [a, b] = [Number(left), Number(right)];
      return operator === ">"
        ? a > b
        : operator === "<"
        ? a < b
        : operator === ">="
        ? a >= b
        : a <= b;
    }
  }
}
