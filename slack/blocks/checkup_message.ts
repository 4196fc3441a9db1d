// The check-up's findings as the admin reads them in their DM: one line per
// check, passed or failed, and under each failure what to do. Every text
// here is Helpdesk's own (channel mentions included), never a person's.
import type { KnownBlock } from "@slack/types";

/** A check-up line (use_cases/checkup/checkup_line.ts), as shown. */
export interface ShownLine {
  check: string;
  ok: boolean;
  found: string;
  todo?: string;
  skipped?: boolean;
  pending?: boolean;
}

/** Slack's limit on a section's text is 3,000 characters. */
const SECTION_LIMIT = 3_000;

export function checkupMessage(
  lines: readonly ShownLine[],
): { text: string; blocks: KnownBlock[] } {
  const failed = lines.filter((l) => !l.ok).length;
  const skipped = lines.filter((l) => l.skipped).length;
  // A line the check-up's next step is still checking counts as neither.
  const running = lines.filter((l) => l.pending).length;
  const checked = lines.length - skipped - running;
  const summary =
    (failed === 0
      ? `Helpdesk check-up: all ${checked} checks passed`
      : `Helpdesk check-up: ${failed} of ${checked} checks failed`) +
    (skipped ? `, ${skipped} skipped` : "") +
    (running ? `, ${running} still running` : "") +
    (failed === 0 ? "." : ". What to do is under each.");
  return {
    text: summary,
    blocks: [
      {
        type: "header",
        text: { type: "plain_text", text: "Helpdesk check-up" },
      },
      { type: "section", text: { type: "mrkdwn", text: summary } },
      ...lines.map((line): KnownBlock => ({
        type: "section",
        text: { type: "mrkdwn", text: lineText(line).slice(0, SECTION_LIMIT) },
      })),
      {
        type: "context",
        elements: [{
          type: "mrkdwn",
          text:
            "What each line proves, and which Slack behaviour it rests on: docs/platform.md in Helpdesk's repository.",
        }],
      },
    ],
  };
}

export function lineText(line: ShownLine): string {
  if (line.pending) {
    const head = `:hourglass_flowing_sand: *${line.check}*: ${line.found}`;
    return line.todo
      ? `${head}\n*If it does not change within a minute:* ${line.todo}`
      : head;
  }
  const mark = line.skipped
    ? ":heavy_minus_sign:"
    : line.ok
    ? ":white_check_mark:"
    : ":x:";
  const head = `${mark} *${line.check}*: ${line.found}`;
  return line.ok || !line.todo ? head : `${head}\n*What to do:* ${line.todo}`;
}

export function checkupRefusal(
  admins: readonly string[],
): { text: string } {
  return {
    text: `Only Helpdesk's admins can run the check-up${
      admins.length ? `: ${admins.map((id) => `<@${id}>`).join(", ")}` : ""
    }. Ask one of them.`,
  };
}
