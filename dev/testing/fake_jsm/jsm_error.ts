// How the fake JSM refuses: an error answered as JSON in the shape the
// servicedeskapi uses ({errorMessage, i18nErrorMessage}).
/** A failure, answered as JSON with the given status. */
export class FakeJsmError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`fake JSM ${status}`);
  }
}

export function jsmError(status: number, message: string): FakeJsmError {
  return new FakeJsmError(status, {
    errorMessage: message,
    i18nErrorMessage: { i18nKey: `fake.jsm.error.${status}`, parameters: [] },
  });
}
