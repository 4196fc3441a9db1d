// The shared secret a JSM automation rule puts in the webhook's JSON body.
// Slack's webhook triggers hand functions the body, not the headers, so the
// secret travels in the body; it is compared in constant time.

export type SecretCheck = { ok: true } | { ok: false; reason: string };

/** Short secrets are guessable; 24 characters of a generator are not. */
export const MIN_SECRET_LENGTH = 24;

export function checkWebhookSecret(
  expected: string | undefined,
  given: string | undefined,
): SecretCheck {
  if (!expected?.trim()) {
    return {
      ok: false,
      reason:
        "JSM_WEBHOOK_SECRET is not set, so Helpdesk accepts no JSM updates. Set it with `slack env add JSM_WEBHOOK_SECRET <secret>` and put the same secret in the automation rule's body.",
    };
  }
  if (expected.trim().length < MIN_SECRET_LENGTH) {
    return {
      ok: false,
      reason:
        `JSM_WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters, so Helpdesk accepts no JSM updates. Generate a longer one (e.g. \`openssl rand -hex 24\`).`,
    };
  }
  if (!sameText(expected.trim(), (given ?? "").trim())) {
    return {
      ok: false,
      reason:
        "The JSM update's secret does not match JSM_WEBHOOK_SECRET, so it was ignored.",
    };
  }
  return { ok: true };
}

/** Equal strings, in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  }
  return diff === 0;
}
