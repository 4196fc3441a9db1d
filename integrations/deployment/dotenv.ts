// A small reader for the project's .env, for the manifest only. The Slack
// CLI hands .env to functions under `slack run`, but the manifest is built by
// a hook that does not load it (Slack's samples load it themselves), and the
// standard library's dotenv lives on JSR, which this project does not use.
// Supported: KEY=value, export KEY=value, '#' comments, and values in single
// or double quotes (double quotes understand \n, \" and \\).

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(
      line,
    );
    if (!match) {
      throw new Error(
        `.env line ${index + 1} is not KEY=value: "${line.slice(0, 40)}"`,
      );
    }
    out[match[1]] = unquote(match[2], index + 1);
  });
  return out;
}

function unquote(value: string, line: number): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    let close = end;
    if (quote === '"') {
      // Find the first unescaped closing quote.
      close = -1;
      for (let i = 1; i < value.length; i++) {
        if (value[i] === "\\") i++;
        else if (value[i] === '"') {
          close = i;
          break;
        }
      }
    }
    if (close < 0) {
      throw new Error(`.env line ${line} has an unclosed ${quote} quote`);
    }
    const inner = value.slice(1, close);
    return quote === "'" ? inner : inner.replace(
      /\\(.)/g,
      (_, c: string) => c === "n" ? "\n" : c,
    );
  }
  // Unquoted: a " #" starts a comment.
  return value.replace(/\s+#.*$/, "").trim();
}
