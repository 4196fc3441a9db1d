import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RunCheckupFunction from "./definition.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { runCheckup } from "../../use_cases/checkup/checkup.ts";

export default SlackFunction(
  RunCheckupFunction,
  async ({ inputs, client, env, token }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) {
      console.warn("run_checkup refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    const outcome = await runCheckup(client, {
      admin,
      // One interactivity pointer per shortcut click: this run's own name.
      run: inputs.interactivity.interactivity_pointer ?? crypto.randomUUID(),
      env,
      jsmTokenId: inputs.jsm_access_token,
      token,
    });
    if (outcome.kind === "refused") return { outputs: {} };
    const failed = outcome.lines.filter((line) => !line.ok).length;
    const passed = outcome.lines.filter((l) => l.ok && !l.skipped).length;
    return { outputs: { passed, failed } };
  },
);
