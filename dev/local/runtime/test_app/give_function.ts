// The first of the step-chaining test steps (chain_functions.ts).
export { give as default } from "./chain_functions.ts";
