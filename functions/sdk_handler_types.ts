// The handler types the Deno Slack SDK gives a function's interactivity
// handlers, named for one function's definition. The SDK declares them
// (ViewSubmissionHandler and its kin in functions/interactivity/types.ts) but
// exports from mod.ts only SlackFunction, so they are read off the methods of
// what SlackFunction returns: a handler typed here is exactly what
// addViewSubmissionHandler and its kin accept, with the function's inputs.
import type { SlackFunction } from "deno-slack-sdk/mod.ts";

type Definition = Parameters<typeof SlackFunction>[0]["definition"];
type ParameterSet = NonNullable<Definition["input_parameters"]>["properties"];

/** A definition's parameters and which of them are required. */
type Parts<P> = P extends {
  properties: infer S extends ParameterSet;
  required: infer R;
} ? [S, R extends (keyof S)[] ? R : never]
  : [ParameterSet, never];

/** What SlackFunction(definition, handler) returns for this definition. */
type SdkFunction<D> = D extends {
  definition: { input_parameters?: infer In; output_parameters?: infer Out };
} ? ReturnType<
    typeof SlackFunction<
      Parts<In>[0],
      Parts<Out>[0],
      Parts<In>[1],
      Parts<Out>[1]
    >
  >
  : never;

/** A view_submission handler of the function defined by D. */
export type ViewSubmissionHandler<D> = Parameters<
  SdkFunction<D>["addViewSubmissionHandler"]
>[1];

/** A view_closed handler of the function defined by D. */
export type ViewClosedHandler<D> = Parameters<
  SdkFunction<D>["addViewClosedHandler"]
>[1];

/** A block_actions handler of the function defined by D. */
export type BlockActionsHandler<D> = Parameters<
  SdkFunction<D>["addBlockActionsHandler"]
>[1];
