import { describe, expect, test } from "bun:test";
import { formatTime } from "../../src/ui/app/format.ts";
import { circuits } from "../../src/ui/app/status-view.ts";

describe("circuits", () => {
  test("list each route's state with its failures and when an open circuit closes, in local time", () => {
    const until = "2026-12-03T07:05:22.256Z";
    const rows = circuits({ circuits: [{ route: "p,bad", state: "open", failures: 3, open_until: until }, { route: "p,ok", state: "closed", failures: 1, open_until: null }] });
    expect(rows).toEqual([
      { route: "p,bad", state: "open", detail: `failures: 3, open until ${formatTime(Date.parse(until))}` },
      { route: "p,ok", state: "closed", detail: "failures: 1" },
    ]);
  });

  test("is empty when no route has failed", () => {
    expect(circuits({ circuits: [] })).toEqual([]);
    expect(circuits({})).toEqual([]);
  });
});
