// Slack's date formatting for <!date^timestamp^format^link|fallback>: the
// tokens Slack documents for the date element ({date_short_pretty},
// {time}, {ago}, …), in the reader's time zone, as an English-locale Slack
// client shows them. Anything it cannot read shows the fallback, as Slack does.

const DAY_MS = 86_400_000;

/** Year, month, day, weekday and time of `ms` in `timeZone`. */
function partsOf(ms, timeZone) {
  const parts = {};
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "long",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    hour12: true,
  });
  for (const { type, value } of format.formatToParts(new Date(ms))) {
    parts[type] = value;
  }
  const numeric = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(ms)); // 2020-08-09
  return { ...parts, numeric };
}

const ordinal = (day) => {
  const n = Number(day);
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
};

/** Days from the reader's today to the date shown (0 today, -1 yesterday). */
function dayOffset(ms, now, timeZone) {
  const day = (t) => Date.parse(`${partsOf(t, timeZone).numeric}T00:00:00Z`);
  return Math.round((day(ms) - day(now)) / DAY_MS);
}

function ago(ms, now) {
  const seconds = Math.round((ms - now) / 1000);
  if (seconds <= 0 && seconds > -60) return "just now";
  const units = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
    ["second", 1],
  ];
  const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") {
      return relative.format(Math.trunc(seconds / size), unit);
    }
  }
}

/**
 * The text of a date sequence. `options.now` (ms) and `options.timeZone`
 * are the reader's; the fallback is returned when the timestamp or a token
 * cannot be read.
 */
export function formatSlackDate(timestamp, format, fallback, options = {}) {
  const seconds = Number(timestamp);
  if (!/^-?\d+$/.test(String(timestamp)) || !Number.isFinite(seconds)) {
    return fallback;
  }
  const ms = seconds * 1000;
  const now = options.now ?? Date.now();
  const timeZone = options.timeZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  let p;
  try {
    p = partsOf(ms, timeZone);
  } catch {
    return fallback;
  }
  const monthShort = p.month.slice(0, 3);
  const offset = dayOffset(ms, now, timeZone);
  const relativeDay = { "-1": "yesterday", 0: "today", 1: "tomorrow" }[offset];
  const sameYear = partsOf(now, timeZone).year === p.year;
  const dateLong = `${p.weekday}, ${p.month} ${ordinal(p.day)}, ${p.year}`;
  const date = `${p.month} ${p.day}`;
  const dateShort = `${monthShort} ${p.day}, ${p.year}`;
  const tokens = {
    day_divider_pretty: relativeDay ??
      (sameYear ? `${p.weekday}, ${p.month} ${ordinal(p.day)}` : dateLong),
    date_num: p.numeric,
    date_slash: p.numeric.split("-").reverse().join("/"),
    date_long: dateLong,
    date_long_full: `${date}, ${p.year}`,
    date_long_pretty: relativeDay ?? dateLong,
    date,
    date_pretty: relativeDay ?? date,
    date_short: dateShort,
    date_short_pretty: relativeDay ?? dateShort,
    time: `${p.hour}:${p.minute} ${p.dayPeriod}`,
    time_secs: `${p.hour}:${p.minute}:${p.second} ${p.dayPeriod}`,
    ago: ago(ms, now),
  };
  let unknown = false;
  const text = format.replace(/\{(\w+)\}/g, (all, token) => {
    if (token in tokens) return tokens[token];
    unknown = true;
    return all;
  });
  return unknown ? fallback : text;
}
