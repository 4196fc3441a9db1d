// The card races while the datastore answers reads made soon after a write
// with the item before it.
import { hostileRaces, hostileRacesName } from "../testing/card_race_tests.ts";

const MODE = "stale reads";
Deno.test(hostileRacesName(MODE), hostileRaces(MODE));
