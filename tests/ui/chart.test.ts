import { describe, expect, test } from "bun:test";
import { labelStep, stackedBars } from "../../src/ui/app/chart.ts";

describe("stackedBars", () => {
  test("stacks series bottom-up against a round ceiling", () => {
    const { ceiling, segments } = stackedBars(
      2,
      [
        { name: "in", className: "a", values: [20, 0] },
        { name: "out", className: "b", values: [8, 5] },
      ],
      200,
      100,
    );
    expect(ceiling).toBe(50);
    expect(segments.map((s) => [s.label, s.series, s.y, s.height])).toEqual([
      [0, 0, 60, 40],
      [0, 1, 44, 16],
      [1, 1, 90, 10],
    ]);
  });

  test("draws nothing for empty days", () => {
    expect(stackedBars(3, [{ name: "in", className: "a", values: [0, 0, 0] }], 300, 100).segments).toEqual([]);
  });
});

describe("labelStep", () => {
  test("writes fewer day labels on a narrow chart so they do not overlap", () => {
    expect(labelStep(30, 1200)).toBe(4);
    expect(labelStep(30, 330)).toBe(6);
    expect(labelStep(30, 100)).toBe(30);
    expect(labelStep(5, 900)).toBe(1);
  });
});
