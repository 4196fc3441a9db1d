// The check-up's proof that Slack runs a workflow's next step with the
// previous step's outputs: its first step puts this line last, still
// running, and its second step, given the first's lines and the place of
// its DM as inputs, judges what arrived. Configure a queue's confirmation,
// the helpdesk report, the JSM sync after a change and the files step all
// rest on that hand-over, which no Slack page states outright
// (docs/platform.md, "What Helpdesk relies on"): whatever the integrations,
// this line is what proves it in the admin's own workspace.
import { type CheckupLine, fail, pass, pending } from "./checkup_line.ts";

export const STEP_CHAIN_CHECK = "Workflow steps";

const TODO =
  "Run the check-up again. If this line fails again, Slack is not handing a workflow step's results to its next step here, and Configure a queue's confirmation, the helpdesk report, the JSM sync after a change and the files step will not finish: look at `slack activity` for the check-up's run and tell Helpdesk's maintainers what it says.";

/**
 * The first step's line: last of all, so that a list that arrives cut short
 * lacks it. If it never changes, the second step did not run, or ran
 * without knowing whom to tell or which message to rewrite.
 */
export const stepChainPending = (): CheckupLine =>
  pending(
    STEP_CHAIN_CHECK,
    "Slack did not run the check-up's second step with this step's findings, or that step failed. Run the check-up again; if this line stays, do not rely on Configure a queue's confirmation or the helpdesk report here, and look at `slack activity` for the check-up's run.",
  );

/** Where the first step's DM is, as chat.postMessage answered it. */
export interface ReportPlace {
  channel: string;
  ts: string;
}

/** A DM's channel id and a message timestamp, as Slack writes them. */
export const wellFormedPlace = (place: ReportPlace | undefined) =>
  !!place && /^[CDG][A-Z0-9]{2,}$/.test(place.channel) &&
  /^\d+\.\d+$/.test(place.ts);

/**
 * This line, run by the second step: passes when the first step's lines
 * arrived whole (each readable, this line among them, last and running)
 * and the place of its DM arrived as Slack wrote it. `lines` is undefined
 * when one of them could not be read.
 */
export function checkStepChain(
  lines: readonly CheckupLine[] | undefined,
  place: ReportPlace | undefined,
): CheckupLine {
  const problem = !lines
    ? "reached it unreadable"
    : !lines.length
    ? "reached it empty"
    : !(lines.at(-1)?.check === STEP_CHAIN_CHECK && lines.at(-1)?.pending)
    ? `reached it incomplete (${lines.length} lines, not ending with this one)`
    : !wellFormedPlace(place)
    ? "reached it without the place of their DM"
    : undefined;
  return problem
    ? fail(
      STEP_CHAIN_CHECK,
      `The second step ran, but the first step's findings ${problem}.`,
      TODO,
    )
    : pass(
      STEP_CHAIN_CHECK,
      `The second step ran with the first step's findings (${
        lines!.length
      } lines, as a list of texts) and the place of this DM, all intact.`,
    );
}
