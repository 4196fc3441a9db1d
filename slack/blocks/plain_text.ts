// Helpdesk words its messages in mrkdwn, with <@U…>, <#C…> and <!date^…>
// for Slack to draw. A modal's field errors are plain text: Slack shows
// them as written, so those sequences must become words first. Everything
// a person typed reaches mrkdwn escaped (&lt; &gt; &amp;), so every `<…>`
// left in a message is one of ours, and undoing the escapes at the end
// gives people's text back exactly as they typed it.

export interface PlainWords {
  /** How to call people: "you", "the person you chose", a name. */
  people?: Readonly<Record<string, string>>;
  /** Channel names without "#", when known. */
  channels?: Readonly<Record<string, string>>;
  /** For dates; UTC when absent. */
  timeZone?: string;
}

const SEQUENCE = /<([^<>]*)>/g;

export function plainFromMrkdwn(text: string, words: PlainWords = {}): string {
  const plain = text.replace(SEQUENCE, (_, inner: string, at: number) => {
    const said = wordsFor(inner);
    // "the person you chose" opening a sentence reads "The person…".
    return at === 0 || /[.!?]\s$/.test(text.slice(0, at))
      ? said.charAt(0).toUpperCase() + said.slice(1)
      : said;
  });
  return plain.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll(
    "&amp;",
    "&",
  );

  function wordsFor(inner: string): string {
    const [target, label] = splitLabel(inner);
    if (target.startsWith("@")) {
      const id = target.slice(1);
      return words.people?.[id] ?? label ?? "someone";
    }
    if (target.startsWith("#")) {
      const name = words.channels?.[target.slice(1)] ?? label;
      return name ? `#${name}` : "that channel";
    }
    if (target.startsWith("!subteam^")) {
      return label ? (label.startsWith("@") ? label : `@${label}`) : "a group";
    }
    if (target.startsWith("!date^")) {
      const seconds = Number(target.split("^")[1]);
      return Number.isFinite(seconds)
        ? plainDate(seconds, words.timeZone)
        : label ?? "";
    }
    if (target.startsWith("!")) return `@${target.slice(1)}`;
    return label ?? target;
  }
}

/** The ids of the channels a message names, to look their names up. */
export function channelsNamedIn(text: string): string[] {
  const ids = new Set<string>();
  for (const [, inner] of text.matchAll(SEQUENCE)) {
    const [target, label] = splitLabel(inner);
    if (target.startsWith("#") && !label) ids.add(target.slice(1));
  }
  return [...ids];
}

/** "26 Nov 2026 at 14:03 UTC", or in the given zone. */
export function plainDate(seconds: number, timeZone = "UTC"): string {
  const date = new Date(seconds * 1000);
  let zone = timeZone;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format(date, zone);
  } catch {
    zone = "UTC";
    parts = format(date, zone);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part("day")} ${part("month")} ${part("year")} at ${part("hour")}:${
    part("minute")
  } ${zone === "UTC" ? "UTC" : `(${zone})`}`;
}

function format(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar === -1
    ? [inner, undefined]
    : [inner.slice(0, bar), inner.slice(bar + 1) || undefined];
}
