// Long words, cut into messages Slack takes and shows whole. A section's
// text holds at most 3,000 characters (invalid_blocks above that:
// docs.slack.dev/reference/block-kit/blocks/section-block), and a message's
// `text` is refused above 40,000 (msg_too_long) and shown cut above 4,000
// in some clients (docs.slack.dev/reference/methods/chat.postMessage,
// "Truncating content"). Every part therefore stays within 3,000, whether it
// goes into a section or into `text` alone. Parts break at a line, else at a
// space, never inside an entity (`&lt;`), a control sequence (`<@U1>`,
// `<!date^…>`) or a character; a quoted line (`> `) stays quoted when it is
// broken.

/** What one message's words may hold, in a section or in `text`. */
export const PART_LIMIT = 3000;

/** The text in order, in parts of at most `limit` code units each. */
export function messageParts(text: string, limit = PART_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let part = "";
  for (const line of text.split("\n").flatMap((l) => brokenLine(l, limit))) {
    const joined = part === "" ? line : `${part}\n${line}`;
    if (joined.length <= limit) {
      part = joined;
      continue;
    }
    if (part !== "") parts.push(part);
    part = line;
  }
  parts.push(part);
  return parts;
}

/** Parts with their place ("(2/3)") after the first, so order shows. */
export function numberedParts(text: string, limit = PART_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts = messageParts(text, limit - 16); // "_(part 99/99)_\n"
  return parts.map((p, i) =>
    i === 0 ? p : `_(part ${i + 1}/${parts.length})_\n${p}`
  );
}

/** A line of at most `limit`, or its pieces, each quoted as the line was. */
function brokenLine(line: string, limit: number): string[] {
  if (line.length <= limit) return [line];
  const prefix = line.startsWith("> ") ? "> " : "";
  const room = Math.max(limit - prefix.length, 16);
  const pieces: string[] = [];
  let rest = line.slice(prefix.length);
  while (rest.length > room) {
    const at = breakPoint(rest, room);
    pieces.push(prefix + rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== "") pieces.push(prefix + rest);
  return pieces;
}

/** Where to cut `text` so the first piece is at most `room` long. */
function breakPoint(text: string, room: number): number {
  const safe = safeCuts(text, room);
  // The last space that is safe to cut at, if it leaves a fair piece.
  for (let i = room; i > room / 2; i--) {
    if (text[i] === " " && safe(i)) return i;
  }
  for (let i = room; i > 0; i--) if (safe(i)) return i;
  return room;
}

/** Whether cutting before index i keeps every token whole. */
function safeCuts(text: string, room: number): (i: number) => boolean {
  const unsafe = new Set<number>();
  const token = /<[^<>\n]*>|&[a-zA-Z]+;|&#\d+;/g;
  for (const m of text.slice(0, room + 64).matchAll(token)) {
    for (let i = m.index! + 1; i < m.index! + m[0].length; i++) unsafe.add(i);
  }
  return (i) => {
    if (unsafe.has(i)) return false;
    // Never between the two halves of a character outside the BMP.
    const code = text.charCodeAt(i);
    return !(code >= 0xdc00 && code <= 0xdfff);
  };
}
