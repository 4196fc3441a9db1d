import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RequesterMessageFunction from "./definition.ts";
import { relayThreadMessage } from "../../use_cases/conversation/thread_relay.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";

export default SlackFunction(
  RequesterMessageFunction,
  async ({ inputs, client, env, token }) => {
    try {
      const relayed = await relayThreadMessage(client, inputs, undefined, {
        filesToken: filesEnabled(env) ? token : undefined,
      });
      return { outputs: relayed ? { ticket_id: relayed.id } : {} };
    } catch (error) {
      // Nobody clicked anything: logged, its writer told it was not passed
      // on, and the message left unmarked so that a redelivery passes it on.
      console.error("requester_message failed", error);
      return { error: `The message was not passed to the agents: ${error}` };
    }
  },
);
