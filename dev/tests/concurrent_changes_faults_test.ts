// The card races while Slack fails the lock's reactions now and then: 429s
// with Retry-After, 5xx before and after the reaction landed.
import { hostileRaces, hostileRacesName } from "../testing/card_race_tests.ts";

const MODE = "429s and 5xx on the lock's reactions";
Deno.test(hostileRacesName(MODE), hostileRaces(MODE));
