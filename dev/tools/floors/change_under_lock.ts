// The floor of a change to a ticket (dev/tools/bundle_floors.ts).
export { changeUnderLock } from "../../../use_cases/changes/change_under_lock.ts";
