// The card races while Slack fails the lock's reactions and reads stale, both
// at once.
import { hostileRaces, hostileRacesName } from "../testing/card_race_tests.ts";

const MODE = "both";
Deno.test(hostileRacesName(MODE), hostileRaces(MODE));
