// What the JSM tests share: a clock that only moves when the code under
// test sleeps (or the test moves it), and the JsmError a promise ends with.
import assert from "node:assert/strict";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";

export function fakeClock() {
  const clock = {
    ms: 0,
    sleeps: [] as number[],
    now: () => clock.ms,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.ms += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

export async function failureOf(
  promise: Promise<unknown>,
): Promise<JsmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JsmError, String(error));
    return error;
  }
  throw new Error("expected a JsmError");
}
