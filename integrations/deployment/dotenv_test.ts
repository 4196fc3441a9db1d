import assert from "node:assert/strict";
import { parseDotenv } from "./dotenv.ts";

Deno.test("parseDotenv", async (t) => {
  await t.step("reads plain, exported, quoted and commented lines", () => {
    assert.deepEqual(
      parseDotenv(
        [
          "# Jira",
          "JSM_AUTH=api_token",
          "export JSM_SITE = acme.atlassian.net # the site",
          "",
          "JSM_API_TOKEN='a#b c'",
          'SHEETS_SHEET_TITLE="Help \\"desk\\"\\nlog"',
        ].join("\n"),
      ),
      {
        JSM_AUTH: "api_token",
        JSM_SITE: "acme.atlassian.net",
        JSM_API_TOKEN: "a#b c",
        SHEETS_SHEET_TITLE: 'Help "desk"\nlog',
      },
    );
  });

  await t.step("says which line it cannot read", () => {
    assert.throws(
      () => parseDotenv("A=1\nnot a setting"),
      { message: '.env line 2 is not KEY=value: "not a setting"' },
    );
    assert.throws(
      () => parseDotenv('A="open'),
      { message: '.env line 1 has an unclosed " quote' },
    );
  });
});
