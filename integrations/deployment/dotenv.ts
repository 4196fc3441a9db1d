// The project's .env, read the way the Slack CLI reads it, for the manifest.
// The CLI (v4 and later) parses .env with godotenv v1.5.1 and passes its
// variables to every hook, the manifest's included, under the shell's own; so
// under `slack run`/`slack deploy` the variables usually arrive already set.
// This reader covers the rest (`deno task manifest`, older CLIs) and must
// agree with godotenv, or the manifest would differ between the two:
//
// - `KEY=value`, `export KEY=value`, and `KEY: value`; keys of letters,
//   digits, `_` and `.`; lines starting with `#` are comments.
// - Unquoted values end at the line's end; a `#` after a space starts a
//   comment (the last such one); spaces around the value are dropped.
// - Quoted values may span lines and end at the first matching quote not
//   preceded by a backslash. Single quotes keep everything as written. Double
//   quotes turn `\n` into a newline, `\r` into a carriage return, and drop
//   the backslash before any other character but `$`.
// - Outside single quotes, `$NAME` and `${NAME}` are replaced by a variable
//   set earlier in the same file (empty if none); `\$` is a literal `$`.
//
// One difference, on purpose: a line with no `=` (or `:`) is an error naming
// its line, where godotenv would keep it under an empty name.

const KEY_CHAR = /[\p{L}\p{N}_.]/u;
const SPACE = /[\t\v\f\r \u0085\u00a0]/;

export function parseDotenv(text: string): Record<string, string> {
  const src = text.replaceAll("\r\n", "\n");
  const out: Record<string, string> = {};
  let at = 0;
  const lineAt = (i: number) => src.slice(0, i).split("\n").length;
  while (true) {
    at = statementStart(src, at);
    if (at < 0) break;
    const { key, next } = keyAt(src, at, lineAt);
    const value = valueAt(src, next, out, lineAt);
    out[key] = value.value;
    at = value.next;
  }
  return out;
}

/** The next statement's start, past blank space and comment lines; -1 at the end. */
function statementStart(src: string, from: number): number {
  let i = from;
  while (true) {
    while (i < src.length && /\s/.test(src[i])) i++;
    if (i >= src.length) return -1;
    if (src[i] !== "#") return i;
    const newline = src.indexOf("\n", i);
    if (newline < 0) return -1;
    i = newline;
  }
}

function keyAt(src: string, from: number, lineAt: (i: number) => number) {
  let i = from;
  if (src.startsWith("export", i) && SPACE.test(src[i + 6] ?? "")) {
    i += 6;
    while (SPACE.test(src[i] ?? "")) i++;
  }
  const start = i;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === "=" || c === ":") {
      let next = i + 1;
      while (SPACE.test(src[next] ?? "")) next++;
      return { key: src.slice(start, i).trimEnd(), next };
    }
    if (!SPACE.test(c) && !KEY_CHAR.test(c)) {
      const end = src.indexOf("\n", start);
      throw new Error(
        `.env line ${lineAt(i)} is not KEY=value: "${
          src.slice(start, end < 0 ? undefined : end).slice(0, 40)
        }"`,
      );
    }
  }
  throw new Error(
    `.env line ${lineAt(start)} is not KEY=value: "${
      src.slice(start, start + 40)
    }"`,
  );
}

function valueAt(
  src: string,
  from: number,
  vars: Record<string, string>,
  lineAt: (i: number) => number,
): { value: string; next: number } {
  const quote = src[from];
  if (quote !== '"' && quote !== "'") {
    let end = from;
    while (end < src.length && src[end] !== "\n" && src[end] !== "\r") end++;
    let line = src.slice(from, end);
    for (let i = line.length - 1; i > 0; i--) {
      if (line[i] === "#" && SPACE.test(line[i - 1])) {
        line = line.slice(0, i);
        break;
      }
    }
    return { value: expand(trimSpace(line), vars), next: end };
  }
  for (let i = from + 1; i < src.length; i++) {
    if (src[i] !== quote || src[i - 1] === "\\") continue;
    // As godotenv does: every quote at either end goes, not just one.
    const inner = src.slice(from, i).replace(new RegExp(`^${quote}+`), "")
      .replace(new RegExp(`${quote}+$`), "");
    const value = quote === "'" ? inner : expand(unescape(inner), vars);
    return { value, next: i + 1 };
  }
  throw new Error(
    `.env line ${lineAt(from)} has an unclosed ${quote} quote: nothing ` +
      `after it closes it (a value may span lines, but must end with ${quote})`,
  );
}

const trimSpace = (s: string) =>
  s.replace(/^[\t\v\f\r \u0085\u00a0]+|[\t\v\f\r \u0085\u00a0]+$/g, "");

function unescape(value: string): string {
  return value
    .replace(/\\./g, (m) => m === "\\n" ? "\n" : m === "\\r" ? "\r" : m)
    .replace(/\\([^$])/g, "$1");
}

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(
    /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g,
    (all, escaped, _dollar, _paren, name) => {
      if (escaped) return all.slice(1);
      if (name) return vars[name] ?? "";
      return all;
    },
  );
}
