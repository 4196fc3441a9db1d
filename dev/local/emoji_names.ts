// Slack's emoji names, for the local workspace page: every short name in
// emoji-datasource (the data set Slack's own shortcodes come from) mapped to
// its characters, and the five skin tones of those that have them. Read from
// the package's emoji.json once, when the page first asks; it never reaches a
// function bundle.

/** What the page needs: names to characters, and skin tones 2–6 by name. */
export interface EmojiNames {
  names: Record<string, string>;
  tones: Record<string, string[]>;
}

interface EmojiEntry {
  short_names: string[];
  unified: string;
  skin_variations?: Record<string, { unified: string }>;
}

/** Slack's :skin-tone-2: … :skin-tone-6: are these modifiers, in order. */
export const SKIN_TONE_MODIFIERS = [
  "1F3FB",
  "1F3FC",
  "1F3FD",
  "1F3FE",
  "1F3FF",
];

/** "1F3F3-FE0F-200D-1F308" → 🏳️‍🌈 */
export const fromUnified = (unified: string) =>
  String.fromCodePoint(...unified.split("-").map((h) => parseInt(h, 16)));

export function emojiNamesFrom(entries: readonly EmojiEntry[]): EmojiNames {
  const names: Record<string, string> = {};
  const tones: Record<string, string[]> = {};
  for (const entry of entries) {
    const character = fromUnified(entry.unified);
    const toned = entry.skin_variations &&
      SKIN_TONE_MODIFIERS.map((m) => entry.skin_variations![m]?.unified);
    for (const name of entry.short_names) {
      names[name] = character;
      if (toned?.every(Boolean)) tones[name] = toned.map(fromUnified);
    }
  }
  return { names, tones };
}

let loaded: Promise<EmojiNames> | undefined;

export function emojiNames(): Promise<EmojiNames> {
  loaded ??= import("emoji-datasource/emoji.json", { with: { type: "json" } })
    .then((module) => emojiNamesFrom(module.default as EmojiEntry[]));
  return loaded;
}
