// Service-level targets: a first-response and a resolution target per
// priority, optionally replaced per request type, written by admins as
// "urgent 30m/4h, high 1h/1d". Targets are kept in minutes of counted time.
import { PRIORITIES, type Priority } from "../tickets/model.ts";
import type { BusinessHours } from "./business_hours.ts";
import { mergeHolidays } from "./holidays.ts";
import type { Calendar } from "./working_time.ts";

export interface SlaTargets {
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
}

export interface SlaPolicy {
  byPriority: Record<Priority, SlaTargets>;
  /** Keyed by request type in lower case; fields replace the priority's. */
  byRequestType: Record<string, Partial<Record<Priority, SlaTargets>>>;
  /** With the desk's holidays, when it has any. */
  businessHours?: BusinessHours;
  /** Each queue's own holidays (day numbers), by queue id. */
  queueHolidays?: Readonly<Record<string, readonly number[]>>;
  /** Warn when this fraction of a target is used, e.g. 0.8. */
  warnAt: number;
}

const HOUR = 60;
const DAY = 24 * HOUR;

// In minutes: urgent answered within 30 min and solved within 4 h, high
// 1 h and 1 day, normal 4 h and 3 days, low 1 day and 5 days. Written out,
// not worked out (4 * HOUR): esbuild keeps an object built with arithmetic
// in every bundle that imports this module, read or not.
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  byPriority: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
    normal: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
    low: { firstResponseMinutes: 1440, resolutionMinutes: 7200 },
  },
  byRequestType: {},
  warnAt: 0.8,
};

/**
 * The targets for a ticket: the priority's, with each field a request type
 * sets for that priority taking its place. Request types are matched
 * ignoring case and surrounding spaces, since both come from typed text.
 */
export function targetsFor(
  policy: SlaPolicy,
  priority: Priority,
  requestType?: string,
): SlaTargets {
  const general = policy.byPriority[priority] ?? {};
  const wanted = requestType?.trim().toLowerCase();
  const entry = wanted
    ? Object.entries(policy.byRequestType).find(([name]) =>
      name.trim().toLowerCase() === wanted
    )
    : undefined;
  const special = entry?.[1][priority] ?? {};
  return { ...general, ...definedOnly(special) };
}

/**
 * The calendar a queue's tickets are timed by: the business hours with the
 * desk's holidays and the queue's. Without business hours the clocks run
 * around the clock, holidays or not.
 */
export function calendarFor(policy: SlaPolicy, queueId: string): Calendar {
  const hours = policy.businessHours;
  const own = policy.queueHolidays?.[queueId];
  if (!hours || !own?.length) return hours;
  return { ...hours, holidays: mergeHolidays(hours.holidays, own) };
}

/**
 * Minutes in a "d". With business hours a day is a business day: "3d" to
 * resolve means three working days, which is how people mean it, not 72
 * working hours (nine working days at eight hours a day).
 */
function dayMinutes(hours?: BusinessHours): number {
  return hours ? hours.end - hours.start : DAY;
}

export function parseDuration(
  text: string,
  hours?: BusinessHours,
): number | undefined {
  const trimmed = text.trim().toLowerCase();
  const match = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(trimmed);
  if (!trimmed || !match) return undefined;
  const [, d = "0", h = "0", m = "0"] = match;
  const minutes = Number(d) * dayMinutes(hours) + Number(h) * HOUR +
    Number(m);
  return minutes > 0 ? minutes : undefined;
}

export function formatDuration(minutes: number, hours?: BusinessHours): string {
  const day = dayMinutes(hours);
  const d = Math.floor(minutes / day);
  const h = Math.floor((minutes - d * day) / HOUR);
  const m = minutes - d * day - h * HOUR;
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join("") ||
    "0m";
}

export type TargetsCheck =
  | { ok: true; value: Record<Priority, SlaTargets> }
  | { ok: false; problem: string };

/** What is wrong with one entry of typed targets, for targetsProblem. */
export type TargetsFault =
  | { kind: "shape"; entry: string }
  | { kind: "priority"; entry: string; name: string }
  | { kind: "twice"; entry: string; priority: string }
  | { kind: "duration"; entry: string; raw: string }
  | { kind: "order"; entry: string; first: string; fix: string };

const EXAMPLE = 'e.g. "urgent 30m/4h, high 1h/1d"';

/**
 * Reads "urgent 30m/4h, high 1h/1d": entries separated by commas,
 * semicolons or new lines, each a priority then first response / resolution,
 * "-" for no target. Priorities left out have no targets.
 */
export function parseTargets(
  text: string,
  hours?: BusinessHours,
): TargetsCheck {
  const read = readTargets(text, hours);
  return read.ok ? read : { ok: false, problem: targetsProblem(read.fault) };
}

/**
 * parseTargets without the words: what reads stored settings needs, so
 * that every function timing a ticket does not bundle the form's messages.
 */
export function readTargets(
  text: string,
  hours?: BusinessHours,
):
  | { ok: true; value: Record<Priority, SlaTargets> }
  | { ok: false; fault: TargetsFault } {
  const value = Object.fromEntries(
    PRIORITIES.map((p) => [p, {}]),
  ) as Record<Priority, SlaTargets>;
  const seen = new Set<string>();
  const fault = (fault: TargetsFault) => ({ ok: false as const, fault });
  for (const entry of text.split(/[,;\n]/).map((e) => e.trim())) {
    if (!entry) continue;
    const match = /^([a-z]+)(?:\s*:\s*|\s+)(.+?)\s*\/\s*(.+)$/i.exec(entry);
    if (!match) return fault({ kind: "shape", entry });
    const [, name, firstText, fixText] = match;
    const priority = name.toLowerCase() as Priority;
    if (!PRIORITIES.includes(priority)) {
      return fault({ kind: "priority", entry, name });
    }
    if (seen.has(priority)) return fault({ kind: "twice", entry, priority });
    seen.add(priority);
    const targets: SlaTargets = {};
    for (
      const [field, raw] of [
        ["firstResponseMinutes", firstText],
        ["resolutionMinutes", fixText],
      ] as const
    ) {
      if (raw === "-") continue;
      const minutes = parseDuration(raw, hours);
      if (minutes === undefined) return fault({ kind: "duration", entry, raw });
      targets[field] = minutes;
    }
    const { firstResponseMinutes: first, resolutionMinutes: fix } = targets;
    if (first !== undefined && fix !== undefined && fix < first) {
      return fault({
        kind: "order",
        entry,
        first: firstText,
        fix: fixText,
      });
    }
    value[priority] = targets;
  }
  return { ok: true, value };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K>
  : never;

/** What the admin is told is wrong with the targets they typed. */
export function targetsProblem(fault: TargetsFault): string {
  return `"${fault.entry}": ${targetsFaultWords(fault)}`;
}

function targetsFaultWords(fault: TargetsFault): string {
  switch (fault.kind) {
    case "shape":
      return `write a priority, then first response / resolution, ${EXAMPLE}.`;
    case "priority":
      return `"${fault.name}" is not a priority: use urgent, high, normal or low, ${EXAMPLE}.`;
    case "twice":
      return `${fault.priority} is given twice: give each priority once.`;
    case "duration":
      return `"${fault.raw}" is not a duration: use m, h and d, like 45m, 4h, 1h30m or 2d, or "-" for no target.`;
    case "order":
      return `the resolution target (${fault.fix}) is shorter than the first-response target (${fault.first}), ${EXAMPLE}.`;
  }
}

export function formatTargets(
  targets: Record<Priority, SlaTargets>,
  hours?: BusinessHours,
): string {
  const show = (minutes?: number) =>
    minutes === undefined ? "-" : formatDuration(minutes, hours);
  return [...PRIORITIES].reverse().map((p) =>
    `${p} ${show(targets[p]?.firstResponseMinutes)}/${
      show(targets[p]?.resolutionMinutes)
    }`
  ).join(", ");
}

function definedOnly(targets: SlaTargets): SlaTargets {
  return Object.fromEntries(
    Object.entries(targets).filter(([, v]) => v !== undefined),
  );
}
