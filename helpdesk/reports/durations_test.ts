import assert from "node:assert/strict";
import { formatDuration, formatPercent } from "./durations.ts";

const M = 60;
const H = 3600;
const D = 86_400;

Deno.test("formatDuration", async (t) => {
  await t.step("under a minute up to 59 seconds", () => {
    assert.equal(formatDuration(0), "under a minute");
    assert.equal(formatDuration(59.9), "under a minute");
  });
  await t.step("minutes alone below an hour, rounded down", () => {
    assert.equal(formatDuration(60), "1m");
    assert.equal(formatDuration(45 * M + 59), "45m");
    assert.equal(formatDuration(H - 1), "59m");
  });
  await t.step("hours and zero-padded minutes below a day", () => {
    assert.equal(formatDuration(H), "1h 00m");
    assert.equal(formatDuration(3 * H + 5 * M + 30), "3h 05m");
    assert.equal(formatDuration(D - 1), "23h 59m");
  });
  await t.step("days and hours from 24h on, never three units", () => {
    assert.equal(formatDuration(D), "1d 0h");
    assert.equal(formatDuration(2 * D + 4 * H + 59 * M), "2d 4h");
    assert.equal(formatDuration(400 * D + 23 * H), "400d 23h");
  });
  await t.step("bad data shows as a dash, not as a time", () => {
    assert.equal(formatDuration(-1), "—");
    assert.equal(formatDuration(NaN), "—");
    assert.equal(formatDuration(Infinity), "—");
  });
});

Deno.test("formatPercent", async (t) => {
  await t.step("nothing measured is a dash", () => {
    assert.equal(formatPercent(undefined), "—");
    assert.equal(formatPercent(), "—");
    assert.equal(formatPercent(NaN), "—");
  });
  await t.step("a rounded whole percent", () => {
    assert.equal(formatPercent(92), "92%");
    assert.equal(formatPercent((4 / 7) * 100), "57%"); // 57.14…
    assert.equal(formatPercent(12.5), "13%");
    assert.equal(formatPercent(100), "100%");
    assert.equal(formatPercent(0), "0%");
  });
  await t.step("never rounds up to perfect or down to nothing", () => {
    assert.equal(formatPercent((249 / 250) * 100), "99%"); // 99.6
    assert.equal(formatPercent((1 / 250) * 100), "1%"); // 0.4
  });
});
