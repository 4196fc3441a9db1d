// A ticket read outside its lock but as new as its last change
// (slack/storage/ticket_lock.ts, readSettled): for the few verdicts that
// turn a person away, which a stale read must not give. Here because only
// the changes feature reaches the lock's module (dev/tests/layers_test.ts).
export { readSettled } from "../../slack/storage/ticket_lock.ts";
