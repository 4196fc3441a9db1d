// Two clicks on one ticket at the same instant through the other surfaces:
// the Assign form, an :eyes: reaction on the card, and the requester's
// Withdraw (see concurrent_changes_test.ts).
import {
  cleanRaces,
  cleanRacesName,
  racesNamed,
} from "../testing/card_race_tests.ts";

Deno.test(
  cleanRacesName("the form, a reaction, the requester"),
  cleanRaces(racesNamed([
    "assign (modal) vs resolve",
    ":eyes: vs resolve",
    "withdraw (requester) vs claim",
    "withdraw (requester) vs resolve",
  ])),
);
