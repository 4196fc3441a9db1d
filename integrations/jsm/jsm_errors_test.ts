import assert from "node:assert/strict";
import type { JsmConfig } from "./jsm_config.ts";
import {
  explainJsmError,
  JsmError,
  jsmErrorFromResponse,
} from "./jsm_errors.ts";

const CONFIG: JsmConfig = {
  auth: {
    kind: "api_token",
    site: "acme.atlassian.net",
    email: "agent@acme.com",
    token: "t",
  },
  serviceDeskId: "3",
  requestTypeId: "17",
};
const OAUTH: JsmConfig = {
  ...CONFIG,
  auth: { kind: "oauth", accessToken: "a" },
};
const REQUEST = "/rest/servicedeskapi/request";

const answer = (status: number, body: unknown, path = REQUEST) =>
  jsmErrorFromResponse(status, JSON.stringify(body), undefined, path);

Deno.test("jsmErrorFromResponse reads Atlassian's error bodies", async (t) => {
  await t.step("servicedeskapi names the field inside its message", () => {
    const error = answer(400, {
      errorMessage:
        "Your request could not be created. Please check the fields have been correctly filled in. Please provide a valid value for field 'Summary'",
      i18nErrorMessage: { i18nKey: "x", parameters: [] },
    });
    assert.equal(error.code, "bad_request");
    assert.equal(error.field, "summary");
  });

  await t.step("the platform's errors map names it as a key", () => {
    const error = answer(400, {
      errorMessages: [],
      errors: { description: "Operation value must be a string" },
    });
    assert.equal(error.field, "description");
    assert.equal(error.serverMessage, "Operation value must be a string");
  });

  await t.step("non-JSON bodies and statuses map to codes", () => {
    const error = jsmErrorFromResponse(
      502,
      "<html>bad gateway</html>",
      5,
      REQUEST,
    );
    assert.equal(error.code, "unavailable");
    assert.equal(error.retryAfterSeconds, 5);
    assert.equal(error.serverMessage, "<html>bad gateway</html>");
    assert.equal(answer(429, {}).code, "rate_limited");
    assert.equal(answer(409, {}).code, "bad_request");
  });
});

Deno.test("explainJsmError says what to do, per auth mode", async (t) => {
  await t.step("401 with an API token: regenerate it, slack env add", () => {
    const text = explainJsmError(answer(401, {}), CONFIG);
    assert.match(text, /agent@acme\.com/);
    assert.match(
      text,
      /id\.atlassian\.com\/manage-profile\/security\/api-tokens/,
    );
    assert.match(text, /slack env add JSM_API_TOKEN/);
  });

  await t.step("401 with OAuth: re-authorize, or add the missing scope", () => {
    assert.match(
      explainJsmError(
        answer(401, { code: 401, message: "Unauthorized" }),
        OAUTH,
      ),
      /slack external-auth add/,
    );
    const scope = answer(401, {
      code: 401,
      message: "Unauthorized; scope does not match",
    });
    assert.match(explainJsmError(scope, "oauth"), /write:servicedesk-request/);
    assert.match(explainJsmError(scope, "oauth"), /read:jira-work/);
  });

  await t.step("403 names the permission for each mode", () => {
    const error = answer(403, { errorMessage: "You do not have permission" });
    assert.match(
      explainJsmError(error, CONFIG),
      /agent@acme\.com .*must be an agent on service desk 3/,
    );
    assert.match(explainJsmError(error, OAUTH), /write:servicedesk-request/);
    assert.match(explainJsmError(error, OAUTH), /write:jira-work/);
    assert.match(explainJsmError(error, OAUTH), /slack external-auth add/);
    assert.doesNotMatch(explainJsmError(error, CONFIG), /Transition issues/);
    const move = answer(
      403,
      { errorMessages: ["You do not have permission"], errors: {} },
      "/rest/api/3/issue/IT-1/transitions",
    );
    assert.match(
      explainJsmError(move, CONFIG),
      /must be an agent .* Transition issues permission/,
    );
  });

  await t.step("400 names the field JSM rejected", () => {
    const error = answer(400, {
      errorMessage: "Please provide a valid value for field 'Summary'",
    });
    assert.match(
      explainJsmError(error, CONFIG),
      /^JSM rejected the field "summary": Please provide a valid value/,
    );
    assert.match(explainJsmError(error, CONFIG), /request type 17/);
    assert.match(
      explainJsmError(answer(400, { errorMessage: "Nope" }), CONFIG),
      /JSM rejected the request \(HTTP 400\)\. JSM said: "Nope"/,
    );
  });

  await t.step("404 names the ids to check, or the request", () => {
    const desk = explainJsmError(answer(404, {}), CONFIG);
    assert.match(desk, /service desk 3 with request type 17/);
    assert.match(desk, /JSM_SERVICE_DESK_ID and JSM_REQUEST_TYPE_ID/);
    const one = explainJsmError(answer(404, {}, `${REQUEST}/IT-9`), CONFIG);
    assert.match(one, /no request at \/rest\/servicedeskapi\/request\/IT-9/);
  });

  await t.step(
    "the rest: gave up, rate limited, network, foreign errors",
    () => {
      const gaveUp = new JsmError("gave_up", "x", {
        status: 429,
        retryAfterSeconds: 30,
        lastCode: "rate_limited",
      });
      assert.match(
        explainJsmError(gaveUp, "api_token"),
        /HTTP 429, asked to wait 30 s/,
      );
      assert.match(
        explainJsmError(new JsmError("network", "dns failed"), "api_token"),
        /outgoingDomains/,
      );
      assert.match(
        explainJsmError(new TypeError("boom"), "oauth"),
        /failed unexpectedly: boom/,
      );
    },
  );
});
