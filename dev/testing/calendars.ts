// What the service_levels tests share: instants written as ISO text, an
// hour in seconds, and business hours that must parse.
import {
  type BusinessHours,
  parseBusinessHours,
} from "../../helpdesk/service_levels/business_hours.ts";

export const at = (iso: string) => Date.parse(iso) / 1000;
export const H = 3600;

export function hours(text: string, zone: string): BusinessHours {
  const parsed = parseBusinessHours(text, zone);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

export const parisOffice = hours("Mon-Fri 09:00-17:00", "Europe/Paris");
export const newYorkOffice = hours("Mon-Fri 09:00-17:00", "America/New_York");
