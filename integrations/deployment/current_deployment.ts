// The deployment options of the environment the manifest is being built in
// (see deployment_options.ts). A wrong setting stops the manifest from
// building, with every problem listed, rather than deploying an app that
// cannot reach what it was configured for.
import {
  DEPLOYMENT_VARIABLES,
  type DeploymentOptions,
  deploymentOptions,
} from "./deployment_options.ts";
import { parseDotenv } from "./dotenv.ts";

/** The shell's variables win over .env, as with `slack run`'s functions. */
function readEnv(): Record<string, string | undefined> {
  let file: Record<string, string> = {};
  try {
    file = parseDotenv(Deno.readTextFileSync(".env"));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return Object.fromEntries(
    DEPLOYMENT_VARIABLES.map((
      name,
    ) => [name, Deno.env.get(name) ?? file[name]]),
  );
}

function current(): DeploymentOptions {
  const result = deploymentOptions(readEnv());
  if (!result.ok) {
    throw new Error(
      `Helpdesk's manifest can't be built:\n- ${result.problems.join("\n- ")}`,
    );
  }
  return result.value;
}

export const DEPLOYMENT: DeploymentOptions = current();
