import assert from "node:assert/strict";
import { checkWebhookSecret, sameText } from "./webhook_secret.ts";

Deno.test("webhook secret", async (t) => {
  const secret = "0123456789abcdef01234567";
  await t.step(
    "only the exact secret passes (surrounding spaces aside)",
    () => {
      assert.deepEqual(checkWebhookSecret(secret, ` ${secret}\n`), {
        ok: true,
      });
      for (
        const given of [
          undefined,
          "",
          secret.slice(1),
          `${secret}x`,
          secret.toUpperCase(),
        ]
      ) {
        assert.equal(
          checkWebhookSecret(secret, given).ok,
          false,
          String(given),
        );
      }
    },
  );
  await t.step("no or short configured secret refuses everything", () => {
    assert.match(
      (checkWebhookSecret(undefined, "x") as { reason: string }).reason,
      /not set/,
    );
    assert.match(
      (checkWebhookSecret("short", "short") as { reason: string }).reason,
      /shorter than 24/,
    );
  });
  await t.step("sameText compares bytes, lengths included", () => {
    assert.ok(sameText("é", "é"));
    assert.ok(!sameText("a", "a\u0000"));
    assert.ok(!sameText("", "a"));
  });
});
