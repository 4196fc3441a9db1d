// Finds, in the app's source text, everything that needs a bot scope or an
// outgoing domain: Web API methods called, built-in Slack functions used as
// workflow steps, events triggers listen to, and hosts fetched. Plain text in,
// data out, so it is tested on samples without touching the repository.

export interface SourceFile {
  path: string;
  text: string;
}

export type UsageKind = "method" | "builtin_function" | "event" | "host";

export interface Usage {
  kind: UsageKind;
  name: string;
  path: string;
  line: number;
}

const PATTERNS: Array<[UsageKind, RegExp]> = [
  // slackCall(client, "chat.postMessage", …), the app's one wrapper
  ["method", /\bslackCall\(\s*[\w.]+\s*,\s*["'`]([\w.]+)["'`]/g],
  // client.apiCall("chat.postMessage", …)
  ["method", /\.apiCall\(\s*["'`]([\w.]+)["'`]/g],
  // client.chat.postMessage(…), the SDK's typed methods
  ["method", /\bclient\.((?:(?!apiCall\b)\w+\.)+\w+)\(/g],
  ["builtin_function", /\bSchema\.slack\.functions\.(\w+)/g],
  ["event", /\bTriggerEventTypes\.(\w+)/g],
  ["host", /\bfetch\(\s*["'`](https?:\/\/[^/"'`$]+)/g],
  ["host", /\bnew URL\(\s*["'`](https?:\/\/[^/"'`$]+)/g],
];

export function findUsages(files: SourceFile[]): Usage[] {
  const usages: Usage[] = [];
  for (const file of files) {
    const text = withoutComments(file.text);
    for (const [kind, pattern] of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const name = kind === "host" ? new URL(match[1]).hostname : match[1];
        usages.push({
          kind,
          name,
          path: file.path,
          line: lineOf(text, match.index!),
        });
      }
    }
  }
  return usages;
}

/** Blanks out comments, keeping line numbers, so examples in them don't count. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .replace(
      /(^|[^:"'`])\/\/[^\n]*/g,
      (c, before) => before + " ".repeat(c.length - before.length),
    );
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/** The app's own source: what runs in Slack, not its tests or tools. */
export function isAppSource(path: string): boolean {
  return path.endsWith(".ts") &&
    !/^(dev|node_modules)\//.test(path) &&
    !/_(test|bench)\.ts$/.test(path);
}
