// The admin's service-level settings: checked field by field when the
// "Service levels" form is saved (each problem shown under its own field),
// and turned into an SlaPolicy whenever a function needs one. Settings are
// stored as the text the admin typed, so the form can show it back as is.
import { PRIORITIES } from "./model.ts";
import {
  type BusinessHours,
  type BusinessHoursFault,
  hoursProblem,
  isTimeZone,
  readBusinessHours,
} from "../service_levels/business_hours.ts";
import {
  type HolidaysFault,
  holidaysProblem,
  readHolidays,
} from "../service_levels/holidays.ts";
import {
  DEFAULT_SLA_POLICY,
  formatTargets,
  readTargets,
  type SlaPolicy,
  type TargetsFault,
  targetsProblem,
} from "../service_levels/sla_policy.ts";
import { DEFAULT_TIME_ZONE } from "../service_levels/zoned_time.ts";

// Defined beside the clocks, so that code needing only the zone (the
// weekly digest's schedule) does not bundle the form's checks.
export { DEFAULT_TIME_ZONE };

export const DEFAULT_WARN_PERCENT = 80;
export const DEFAULT_AUTO_CLOSE_DAYS = 7;
export const DEFAULT_REOPEN_DAYS = 14;

/** What the form sends, every field as typed. */
export interface ServiceLevelForm {
  targets?: string;
  request_types?: string;
  business_hours?: string;
  holidays?: string;
  time_zone?: string;
  warn_percent?: string;
  auto_close_days?: string;
  reopen_days?: string;
  owner?: string;
}

/** What is stored in the settings item. */
export interface ServiceLevelSettings {
  sla_targets: string;
  sla_request_types?: string;
  business_hours?: string;
  holidays?: string;
  time_zone: string;
  sla_warn_percent: number;
  auto_close_days: number;
  reopen_days: number;
  owner?: string;
}

export type FormField = keyof ServiceLevelForm;

export type FormCheck =
  | { ok: true; value: ServiceLevelSettings; policy: SlaPolicy }
  | { ok: false; problems: Partial<Record<FormField, string>> };

/** What is wrong with each field, for checkServiceLevelForm to word. */
export interface FormFaults {
  time_zone?: { kind: "zone"; timeZone: string };
  business_hours?: BusinessHoursFault;
  holidays?: HolidaysFault | { kind: "without_hours" };
  targets?: TargetsFault;
  request_types?: RequestTypesFault;
  warn_percent?: "out_of_range";
  auto_close_days?: "out_of_range";
  reopen_days?: "out_of_range";
}

export type RequestTypesFault =
  | { kind: "no_name"; line: string }
  | { kind: "targets"; name: string; fault: TargetsFault };

export function checkServiceLevelForm(form: ServiceLevelForm): FormCheck {
  const read = readServiceLevelForm(form);
  return read.ok ? read : { ok: false, problems: formProblems(read.faults) };
}

/**
 * checkServiceLevelForm without the words: the stored settings are read
 * by every function that times a ticket, which need not bundle the form's
 * messages (about 2 KB) to learn that a field no longer parses.
 */
export function readServiceLevelForm(
  form: ServiceLevelForm,
):
  | { ok: true; value: ServiceLevelSettings; policy: SlaPolicy }
  | { ok: false; faults: FormFaults } {
  const faults: FormFaults = {};
  const timeZone = form.time_zone?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) faults.time_zone = { kind: "zone", timeZone };
  let hours: BusinessHours | undefined;
  const hoursText = form.business_hours?.trim();
  if (hoursText && !faults.time_zone) {
    const parsed = readBusinessHours(hoursText, timeZone);
    if (parsed.ok) hours = parsed.value;
    else faults.business_hours = parsed.fault;
  }
  const holidaysText = form.holidays?.trim() || undefined;
  if (holidaysText) {
    const parsed = readHolidays(holidaysText);
    if (!parsed.ok) faults.holidays = parsed.fault;
    else if (!hoursText) faults.holidays = { kind: "without_hours" };
    else if (hours) hours = { ...hours, holidays: parsed.days };
  }
  const targetsText = form.targets?.trim() ||
    formatTargets(DEFAULT_SLA_POLICY.byPriority);
  const targets = readTargets(targetsText, hours);
  if (!targets.ok) faults.targets = targets.fault;
  const requestTypes = form.request_types?.trim() || undefined;
  let byRequestType: SlaPolicy["byRequestType"] = {};
  if (requestTypes) {
    const parsed = readRequestTypeTargets(requestTypes, hours);
    if (parsed.ok) byRequestType = parsed.value;
    else faults.request_types = parsed.fault;
  }
  const warn = wholeNumber(form.warn_percent, DEFAULT_WARN_PERCENT);
  if (warn === undefined || warn < 1 || warn > 99) {
    faults.warn_percent = "out_of_range";
  }
  const days = wholeNumber(form.auto_close_days, DEFAULT_AUTO_CLOSE_DAYS);
  if (days === undefined || days < 0 || days > 365) {
    faults.auto_close_days = "out_of_range";
  }
  const reopenDays = wholeNumber(form.reopen_days, DEFAULT_REOPEN_DAYS);
  if (reopenDays === undefined || reopenDays > 365) {
    faults.reopen_days = "out_of_range";
  }
  if (!targets.ok || Object.keys(faults).length) return { ok: false, faults };
  // What the form said, parsed once: the stored text and its policy.
  return {
    ok: true,
    policy: {
      byPriority: targets.value,
      byRequestType,
      businessHours: hours,
      warnAt: warn! / 100,
    },
    value: {
      sla_targets: targetsText,
      sla_request_types: requestTypes,
      business_hours: hoursText || undefined,
      holidays: holidaysText,
      time_zone: timeZone,
      sla_warn_percent: warn!,
      auto_close_days: days!,
      reopen_days: reopenDays!,
      owner: form.owner || undefined,
    },
  };
}

/** Each field's fault in the words shown under it, in the form's order. */
function formProblems(faults: FormFaults): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  if (faults.time_zone) {
    problems.time_zone =
      `"${faults.time_zone.timeZone}" is not a time zone. Use a name like Europe/Paris or America/New_York.`;
  }
  if (faults.business_hours) {
    problems.business_hours = hoursProblem(faults.business_hours);
  }
  if (faults.holidays) {
    problems.holidays = faults.holidays.kind === "without_hours"
      ? "Holidays count only with business hours: set business hours above, or leave this empty."
      : holidaysProblem(faults.holidays);
  }
  if (faults.targets) problems.targets = targetsProblem(faults.targets);
  if (faults.request_types) {
    problems.request_types = requestTypesProblem(faults.request_types);
  }
  if (faults.warn_percent) {
    problems.warn_percent =
      "Warn at a percentage between 1 and 99, e.g. 80 to warn when 80% of the time is used.";
  }
  if (faults.auto_close_days) {
    problems.auto_close_days =
      "Say after how many days (0 to 365) a resolved ticket closes by itself; 0 never closes it.";
  }
  if (faults.reopen_days) {
    problems.reopen_days =
      "Say for how many days (0 to 365) a closed ticket can be reopened; 0 never.";
  }
  return problems;
}

/** A queue's own holidays, as its admins typed them. */
export interface QueueCalendar {
  id: string;
  holidays?: string;
}

/**
 * The policy the stored settings describe, with the holidays of the queues
 * given (those a caller has at hand: the ticket's, or all for the sweep).
 * Settings were checked when saved; if they no longer parse (say, a time
 * zone a newer runtime dropped), the defaults apply and the problem is
 * logged, so tickets keep their clocks. A queue's holidays that no longer
 * parse are left out the same way.
 */
export function policyFromSettings(
  settings: Partial<ServiceLevelSettings>,
  queues: readonly QueueCalendar[] = [],
): SlaPolicy {
  const checked = readServiceLevelForm({
    targets: settings.sla_targets,
    request_types: settings.sla_request_types,
    business_hours: settings.business_hours,
    holidays: settings.holidays,
    time_zone: settings.time_zone,
    warn_percent: settings.sla_warn_percent?.toString(),
    auto_close_days: settings.auto_close_days?.toString(),
    reopen_days: settings.reopen_days?.toString(),
  });
  if (!checked.ok) {
    console.error("service levels unreadable, using defaults", checked);
    return DEFAULT_SLA_POLICY;
  }
  const queueHolidays: Record<string, number[]> = {};
  for (const queue of queues) {
    if (!queue.holidays?.trim()) continue;
    const parsed = readHolidays(queue.holidays);
    if (parsed.ok) queueHolidays[queue.id] = parsed.days;
    else console.error(`queue ${queue.id}: holidays unreadable`, parsed);
  }
  return Object.keys(queueHolidays).length
    ? { ...checked.policy, queueHolidays }
    : checked.policy;
}

/**
 * One request type per line, "Access: urgent 15m/1h, high 30m/2h"; the
 * priorities a line leaves out keep the general targets.
 */
export function parseRequestTypeTargets(
  text: string,
  hours: BusinessHours | undefined,
):
  | { ok: true; value: SlaPolicy["byRequestType"] }
  | { ok: false; problem: string } {
  const read = readRequestTypeTargets(text, hours);
  return read.ok
    ? read
    : { ok: false, problem: requestTypesProblem(read.fault) };
}

function readRequestTypeTargets(
  text: string,
  hours: BusinessHours | undefined,
):
  | { ok: true; value: SlaPolicy["byRequestType"] }
  | { ok: false; fault: RequestTypesFault } {
  const value: SlaPolicy["byRequestType"] = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!name) return { ok: false, fault: { kind: "no_name", line } };
    const targets = readTargets(line.slice(colon + 1), hours);
    if (!targets.ok) {
      return {
        ok: false,
        fault: { kind: "targets", name, fault: targets.fault },
      };
    }
    value[name.toLowerCase()] = Object.fromEntries(
      PRIORITIES.filter((p) =>
        targets.value[p].firstResponseMinutes !== undefined ||
        targets.value[p].resolutionMinutes !== undefined
      ).map((p) => [p, targets.value[p]]),
    );
  }
  return { ok: true, value };
}

function requestTypesProblem(fault: RequestTypesFault): string {
  return fault.kind === "no_name"
    ? `"${fault.line}" needs a request type before a colon, e.g. "Access: urgent 15m/1h".`
    : `${fault.name}: ${targetsProblem(fault.fault)}`;
}

/** How long a closed ticket can be reopened, from the settings. */
export function reopenDaysOf(settings: { reopen_days?: number }): number {
  return settings.reopen_days ?? DEFAULT_REOPEN_DAYS;
}

function wholeNumber(text: string | undefined, fallback: number) {
  const trimmed = text?.trim();
  if (!trimmed) return fallback;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
