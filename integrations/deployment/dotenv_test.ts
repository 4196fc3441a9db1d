// .env as the Slack CLI reads it (godotenv v1.5.1): each case below is one
// of that parser's rules, so the manifest sees what the CLI's hooks see.
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
          "JIRA_PROJECT: IT",
        ].join("\n"),
      ),
      {
        JSM_AUTH: "api_token",
        JSM_SITE: "acme.atlassian.net",
        JSM_API_TOKEN: "a#b c",
        SHEETS_SHEET_TITLE: 'Help "desk"\nlog',
        JIRA_PROJECT: "IT",
      },
    );
  });

  await t.step("a quoted value may span lines", () => {
    const env = parseDotenv(
      [
        "A=1",
        'PRIVATE_KEY="-----BEGIN KEY-----',
        "abc\\ndef",
        '-----END KEY-----"',
        "B='two",
        "lines, kept as written: \\n'",
        "C=3",
      ].join("\r\n"),
    );
    assert.deepEqual(env, {
      A: "1",
      PRIVATE_KEY: "-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----",
      B: "two\nlines, kept as written: \\n",
      C: "3",
    });
  });

  await t.step("comments, spaces and # inside values", () => {
    assert.deepEqual(
      parseDotenv(
        [
          "  # indented comment",
          "URL=https://x.example/#frag",
          "NOTE=a # b # c",
          'Q="kept # inside" # dropped',
          "EMPTY=",
          "SPACED =   padded   ",
        ].join("\n"),
      ),
      {
        URL: "https://x.example/#frag",
        NOTE: "a # b",
        Q: "kept # inside",
        EMPTY: "",
        SPACED: "padded",
      },
    );
  });

  await t.step(
    "$NAME expands from earlier lines, outside single quotes",
    () => {
      assert.deepEqual(
        parseDotenv(
          [
            "HOST=acme.atlassian.net",
            "URL=https://${HOST}/rest",
            'BOTH="$HOST and \\$HOST"',
            "RAW='$HOST'",
            "LATER=$UNSET_YET",
          ].join("\n"),
        ),
        {
          HOST: "acme.atlassian.net",
          URL: "https://acme.atlassian.net/rest",
          BOTH: "acme.atlassian.net and $HOST",
          RAW: "$HOST",
          LATER: "",
        },
      );
    },
  );

  await t.step(
    "double quotes drop a backslash before any other character",
    () => {
      assert.deepEqual(parseDotenv('A="a\\tb\\\\c\\rd"'), { A: "atb\\c\rd" });
    },
  );

  await t.step("says which line it cannot read", () => {
    assert.throws(
      () => parseDotenv("A=1\nnot a setting"),
      { message: '.env line 2 is not KEY=value: "not a setting"' },
    );
    assert.throws(
      () => parseDotenv("A=1\nB-C=2"),
      { message: '.env line 2 is not KEY=value: "B-C=2"' },
    );
    assert.throws(
      () => parseDotenv('A=1\nB="open\nstill open'),
      /^Error: \.env line 2 has an unclosed " quote/,
    );
  });
});
