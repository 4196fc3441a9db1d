// The second of the step-chaining test steps (chain_functions.ts).
export { take as default } from "./chain_functions.ts";
