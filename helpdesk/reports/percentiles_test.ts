import assert from "node:assert/strict";
import {
  mean,
  median,
  medianOfSorted,
  percentile,
  percentileOfSorted,
} from "./percentiles.ts";

Deno.test("percentile by nearest rank", async (t) => {
  // The textbook example: n = 5, rank = ceil(p/100 × 5).
  const values = [35, 20, 50, 15, 40]; // sorted: 15 20 35 40 50
  await t.step("rank rounds up to a value in the list", () => {
    assert.equal(percentile(values, 5), 15); // ceil(0.25) = 1
    assert.equal(percentile(values, 30), 20); // ceil(1.5) = 2
    assert.equal(percentile(values, 40), 20); // ceil(2.0) = 2, exact
    assert.equal(percentile(values, 50), 35); // ceil(2.5) = 3
    assert.equal(percentile(values, 90), 50); // ceil(4.5) = 5
    assert.equal(percentile(values, 100), 50);
  });

  await t.step("p90 of ten values is the ninth, not an interpolation", () => {
    const tens = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    assert.equal(percentile(tens, 90), 90); // ceil(9.0) = 9
    assert.equal(percentile([...tens, 110], 90), 100); // ceil(9.9) = 10
  });

  await t.step("sorts numbers as numbers and leaves the input alone", () => {
    const input = [9, 100, 10];
    assert.equal(percentile(input, 50), 10); // a string sort would say 100
    assert.deepEqual(input, [9, 100, 10]);
  });

  await t.step("one value is every percentile; none is undefined", () => {
    assert.equal(percentile([7], 1), 7);
    assert.equal(percentile([7], 100), 7);
    assert.equal(percentile([], 90), undefined);
  });

  await t.step("p outside (0, 100] is a RangeError, even for no values", () => {
    for (const p of [0, -5, 100.1, NaN, Infinity]) {
      assert.throws(() => percentile([1, 2], p), RangeError, `p = ${p}`);
      assert.throws(() => percentile([], p), RangeError, `p = ${p}`);
      assert.throws(() => percentileOfSorted([1, 2], p), RangeError);
    }
  });

  await t.step("a vanishingly small p still picks the first value", () => {
    assert.equal(percentile([3, 1, 2], Number.MIN_VALUE), 1);
  });
});

Deno.test("median is the conventional one", async (t) => {
  await t.step("odd count: the middle value", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([5]), 5);
  });
  await t.step("even count: the mean of the two middle values", () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    // Nearest rank at 50 would give the lower middle value, 2.
    assert.equal(percentile([4, 1, 3, 2], 50), 2);
    assert.equal(median([-10, 10]), 0);
  });
  await t.step("numeric order, not string order", () => {
    assert.equal(median([10, 9, 100]), 10);
  });
  await t.step("no values: undefined", () => {
    assert.equal(median([]), undefined);
    assert.equal(medianOfSorted([]), undefined);
  });
  await t.step("the sorted variants agree on sorted input", () => {
    const sorted = [1, 2, 3, 4, 5, 6];
    assert.equal(medianOfSorted(sorted), 3.5);
    assert.equal(percentileOfSorted(sorted, 90), 6); // ceil(5.4) = 6
    assert.equal(percentileOfSorted(sorted, 50), 3); // ceil(3.0) = 3
  });
});

Deno.test("mean", async (t) => {
  await t.step("sums and divides", () => {
    assert.equal(mean([1, 2, 3, 4]), 2.5);
    assert.equal(mean([5, 2, 4]), 11 / 3);
  });
  await t.step("no values: undefined rather than NaN", () => {
    assert.equal(mean([]), undefined);
  });
});
