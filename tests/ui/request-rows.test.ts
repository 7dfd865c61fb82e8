import { describe, expect, test } from "bun:test";
import { addRow, filterQuery, groupLabel, lastDays, matchesFilter, parseRow, parseRows, parseUsage } from "../../src/ui/app/request-rows.ts";

const raw = {
  id: 7,
  time: 1_764_700_000_000,
  session: "abc",
  scenario: "think",
  reason: "thinking enabled",
  provider: "p",
  model: "m",
  attempts: 2,
  failures: '["p,m: 503 overloaded"]',
  status: 200,
  stream: 1,
  input_tokens: 10,
  output_tokens: null,
  duration_ms: 12,
  cost: null,
};

describe("request rows", () => {
  test("parse a stored row, decoding the failures list", () => {
    const row = parseRow(raw);
    expect(row?.failures).toEqual(["p,m: 503 overloaded"]);
    expect(row?.stream).toBe(true);
    expect(row?.output_tokens).toBeNull();
    expect(parseRow({ time: 1 })).toBeUndefined();
  });

  test("read the list of GET /api/requests newest first", () => {
    const rows = parseRows({ requests: [{ ...raw, id: 1 }, { ...raw, id: 3 }], next_before: null });
    expect(rows.map((r) => r.id)).toEqual([3, 1]);
  });

  test("add a live row on top, replace a row with the same id and keep the list bounded", () => {
    const one = parseRow({ ...raw, id: 1 });
    const two = parseRow({ ...raw, id: 2 });
    if (!one || !two) throw new Error("rows did not parse");
    expect(addRow(addRow([], one), two).map((r) => r.id)).toEqual([2, 1]);
    expect(addRow([two, one], { ...two, status: 500 }).map((r) => r.status)).toEqual([500, 200]);
    expect(addRow([two], one, 1).map((r) => r.id)).toEqual([2]);
  });

  test("read usage groups with their key and totals", () => {
    const groups = parseUsage({ groups: [{ key: "2026-12-03", requests: 2, input_tokens: 20, output_tokens: 8, cost: 0, unknown_cost: 2 }], totals: {} });
    expect(groups).toEqual([{ key: "2026-12-03", requests: 2, input_tokens: 20, output_tokens: 8, cost: 0, unpriced: 2 }]);
  });

  test("list the last days oldest first, ending today in local time", () => {
    expect(lastDays(3, new Date(2026, 11, 3, 12).getTime())).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(lastDays(2, new Date(2026, 2, 1, 0, 30).getTime())).toEqual(["2026-02-28", "2026-03-01"]);
  });

  test("keep live rows that match the table's filters only", () => {
    const row = parseRow(raw);
    if (!row) throw new Error("row did not parse");
    expect(matchesFilter(row, { scenario: "", status: "" })).toBe(true);
    expect(matchesFilter(row, { scenario: "think", status: "2" })).toBe(true);
    expect(matchesFilter(row, { scenario: "default", status: "" })).toBe(false);
    expect(matchesFilter(row, { scenario: "", status: "5" })).toBe(false);
  });

  test("ask the API for the same filters and page backwards by id", () => {
    expect(filterQuery({ scenario: "", status: "" }, null)).toBe("limit=200");
    expect(filterQuery({ scenario: "think", status: "4" }, 42, 50)).toBe("limit=50&scenario=think&status=4xx&before=42");
  });

  test("name the usage group of requests refused before routing instead of showing (none),(none)", () => {
    expect(groupLabel("(none),(none)")).toBe("(no route)");
    expect(groupLabel("(none)")).toBe("(no route)");
    expect(groupLabel("mock,gpt-test")).toBe("mock,gpt-test");
  });
});
