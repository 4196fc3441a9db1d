// Two agents clicking card buttons on one ticket at the same instant
// (dev/testing/card_races.ts), on a fake Slack whose answers arrive in
// random order. Each race runs 100 rounds, each round on its own ticket;
// many rounds run at once. The other surfaces, and the same races while
// Slack fails or reads stale, are in the concurrent_changes_*_test.ts files
// beside this one (dev/testing/card_race_tests.ts says why they are split).
import {
  cleanRaces,
  cleanRacesName,
  racesNamed,
} from "../testing/card_race_tests.ts";

Deno.test(
  cleanRacesName("buttons"),
  cleanRaces(racesNamed([
    "claim vs resolve",
    "claim vs claim",
    "waiting vs resolve",
    "close vs reopen",
  ])),
);
