import { describe, expect, test } from "bun:test";
import { formatCost, formatDuration, formatTime, formatTokens, formatUptime, niceCeiling, parseNumberInput } from "../../src/ui/app/format.ts";

describe("formatters", () => {
  test("show today's times as a clock and older ones with their date", () => {
    const now = new Date(2026, 11, 3, 15, 0, 0).getTime();
    expect(formatTime(new Date(2026, 11, 3, 9, 5, 7).getTime(), now)).toBe("09:05:07");
    expect(formatTime(new Date(2026, 11, 1, 9, 5, 7).getTime(), now)).toBe("Dec 1 09:05");
  });

  test("render durations in ms, seconds or minutes and a dash when unknown", () => {
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(185_000)).toBe("3 m 05 s");
    expect(formatDuration(null)).toBe("–");
  });

  test("shorten token counts", () => {
    expect(formatTokens(980)).toBe("980");
    expect(formatTokens(12_300)).toBe("12.3k");
    expect(formatTokens(4_000)).toBe("4k");
    expect(formatTokens(4_500_000)).toBe("4.5M");
    expect(formatTokens(undefined)).toBe("–");
  });

  test("show money with cents, small amounts with two significant digits, unknown as a dash", () => {
    expect(formatCost(1.25)).toBe("$1.25");
    expect(formatCost(0.0042)).toBe("$0.0042");
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(null)).toBe("–");
  });

  test("render uptime in the largest two units", () => {
    expect(formatUptime(45)).toBe("45 s");
    expect(formatUptime(720)).toBe("12 m");
    expect(formatUptime(12_000)).toBe("3 h 20 m");
    expect(formatUptime(187_200)).toBe("2 d 4 h");
  });

  test("turn numeric input into numbers, empty into unset, and keep anything else for validation", () => {
    expect(parseNumberInput(" 3456 ")).toBe(3456);
    expect(parseNumberInput("")).toBeUndefined();
    expect(parseNumberInput("12ab")).toBe("12ab");
  });

  test("round an axis ceiling up to 1, 2 or 5 times a power of ten", () => {
    expect(niceCeiling(28)).toBe(50);
    expect(niceCeiling(100)).toBe(100);
    expect(niceCeiling(0.013)).toBe(0.02);
    expect(niceCeiling(0)).toBe(1);
  });
});
