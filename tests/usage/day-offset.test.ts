import { describe, expect, test } from "bun:test";
import { dayStart, offsetSpans, zoneOffset } from "../../src/usage/day-offset.ts";

const HOUR = 3_600_000;

describe("zoneOffset", () => {
  test("follows daylight saving time in an IANA zone", () => {
    const berlin = zoneOffset("Europe/Berlin");
    expect(berlin(Date.UTC(2026, 0, 15, 12))).toBe(1 * HOUR);
    expect(berlin(Date.UTC(2026, 6, 15, 12))).toBe(2 * HOUR);
  });

  test("reads UTC and fixed offsets", () => {
    expect(zoneOffset("UTC")(0)).toBe(0);
    expect(zoneOffset("+05:30")(0)).toBe(5.5 * HOUR);
    expect(zoneOffset("-0800")(0)).toBe(-8 * HOUR);
  });

  test("throws a RangeError for an unknown zone or an impossible offset", () => {
    expect(() => zoneOffset("Nowhere/Atlantis")).toThrow(RangeError);
    expect(() => zoneOffset("+23:00")).toThrow(RangeError);
  });
});

describe("offsetSpans", () => {
  test("pins a daylight-saving change inside the window to the minute", () => {
    const ny = zoneOffset("America/New_York");
    // 2026-03-08 02:00 EST (07:00 UTC) the clocks jump to 03:00 EDT.
    const spans = offsetSpans(ny, Date.UTC(2026, 1, 20), Date.UTC(2026, 2, 20));
    expect(spans).toHaveLength(2);
    expect(spans[0]?.offset).toBe(-5 * HOUR);
    expect(spans[1]?.offset).toBe(-4 * HOUR);
    expect(Math.abs((spans[1]?.from ?? 0) - Date.UTC(2026, 2, 8, 7))).toBeLessThanOrEqual(60_000);
  });

  test("is one span for a fixed offset", () => {
    expect(offsetSpans(zoneOffset("+02:00"), 0, 400 * 86_400_000)).toEqual([{ from: 0, offset: 2 * HOUR }]);
  });
});

describe("dayStart", () => {
  test("is midnight on the zone's wall clock, days back from today", () => {
    const now = Date.UTC(2026, 11, 3, 6, 0);
    expect(dayStart(zoneOffset("UTC"), now, 0)).toBe(Date.UTC(2026, 11, 3));
    expect(dayStart(zoneOffset("+05:30"), now, 1)).toBe(Date.UTC(2026, 11, 2) - 5.5 * HOUR);
    // Across a DST change: 2026-03-08 midnight in New York is still EST (05:00 UTC), seen from an EDT day.
    expect(dayStart(zoneOffset("America/New_York"), Date.UTC(2026, 2, 10, 12), 2)).toBe(Date.UTC(2026, 2, 8, 5));
  });
});
