// Shorter real-time waits for tests that cannot meet what the waits are for.
// Helpdesk pauses on purpose to give another run time to act: the intake
// mark's wait for the run that holds it (3 s), its second look at the mark's
// record (1 s), the JSM claim's settling for a twin delivery (0.4 s). A test
// whose runs go one after another only sleeps through them, and spent most
// of the suite's waiting there. Such a test shortens them while it runs:
//
//   using _waits = shortWaits();
//
// and they are put back when it ends. Tests of runs at the same instant keep
// the real waits, and every other test runs with them, so what production
// waits is what the suite checks. Each test file runs in its own worker, so
// a file's shortened waits never reach another file.
import {
  intakeWaits,
  MARK_WAIT_MS,
  SECOND_LOOK_MS,
} from "../../use_cases/opening/intake_marks.ts";
import {
  CLAIM_SETTLE_MS,
  claimSettling,
} from "../../slack/storage/jsm_event_store.ts";

/** Short: the mark is still looked at twice (its polls are 250–500 ms). */
const SHORT = { markMs: 300, secondLookMs: 50, claimSettleMs: 20 };

export function shortWaits(): Disposable {
  intakeWaits.markMs = SHORT.markMs;
  intakeWaits.secondLookMs = SHORT.secondLookMs;
  claimSettling.ms = SHORT.claimSettleMs;
  return { [Symbol.dispose]: realWaits };
}

/** The waits Helpdesk takes when it runs. */
export function realWaits() {
  intakeWaits.markMs = MARK_WAIT_MS;
  intakeWaits.secondLookMs = SECOND_LOOK_MS;
  claimSettling.ms = CLAIM_SETTLE_MS;
}
