// What one of the fake's Web API methods is: the method files
// (*_methods.ts) define them, server.ts answers calls with them.
import type { Args } from "./slack_error.ts";

/** Who calls: the token the call came with. */
export interface Caller {
  token?: string;
}

export type MethodHandler = (
  args: Args,
  caller: Caller,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
