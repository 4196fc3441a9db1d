// Two runs that want one reaction claim (slack/storage/reaction_claim.ts) at
// the same instant, staged on the fake Slack so that the worst interleaving
// happens every time rather than once in a few hundred rounds.
import type { FakeSlack } from "./fake_slack/server.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * From now on, the next two reactions.add both fail without saying whether
 * they landed: the first is carried out and answers 500, the second is not
 * and answers 500 too. Each run then finds the reaction there and no record,
 * so each may think it is its own. The two runs' first namings in the locks
 * datastore are then made to cross: the first waits (up to 3 s) for the
 * second to be asked, and the second lands 200 ms after the first, when the
 * first run has already read its own name.
 */
export function loseBothAnswers(slack: FakeSlack) {
  let adds = 0;
  let secondAsked = () => {};
  const bothAsked = new Promise<void>((r) => secondAsked = r);
  let namings = 0;
  let secondNamed = () => {};
  const bothNamed = new Promise<void>((r) => secondNamed = r);
  slack.beforeAnswer(async (method, args) => {
    const naming = method.startsWith("apps.datastore.") &&
      method !== "apps.datastore.get" && args.datastore === "locks";
    if (naming) {
      const nth = ++namings;
      if (nth === 1) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          bothNamed,
          new Promise((r) => timer = setTimeout(r, 3000)),
        ]);
        clearTimeout(timer);
      }
      if (nth === 2) {
        secondNamed();
        await sleep(200);
      }
    }
    if (method !== "reactions.add") return;
    const nth = ++adds;
    if (nth === 1) await bothAsked;
    if (nth === 2) secondAsked();
  });
  slack.fail({
    method: "reactions.add",
    error: "internal_error",
    status: 500,
    afterEffect: true,
  });
  slack.fail({ method: "reactions.add", error: "internal_error", status: 500 });
}

/**
 * Work that notes how many runs are inside it at once: `most` must stay 1
 * under any claim.
 */
export function exclusiveWork(pauseMs = 300) {
  const seen = { inside: 0, most: 0, entered: 0 };
  const work = async () => {
    seen.inside++;
    seen.entered++;
    seen.most = Math.max(seen.most, seen.inside);
    await sleep(pauseMs);
    seen.inside--;
    return "changed";
  };
  return { seen, work };
}
