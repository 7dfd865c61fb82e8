import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aggregate } from "../../src/usage/aggregate.ts";
import { zoneOffset } from "../../src/usage/day-offset.ts";
import { openUsageStore, type UsageStore } from "../../src/usage/store.ts";
import { row } from "./rows.ts";

const dirs: string[] = [];
const stores: UsageStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(times: number[]): UsageStore {
  const dir = mkdtempSync(join(tmpdir(), "ccr-usage-aggregate-"));
  dirs.push(dir);
  const s = openUsageStore(join(dir, "requests.db"));
  stores.push(s);
  s.insert(times.map((time) => row({ time })));
  return s;
}

describe("aggregate by day", () => {
  test("cuts days on the zone's wall clock on both sides of a daylight-saving change", () => {
    const s = store([
      Date.UTC(2026, 2, 1, 4, 30), // 2026-02-28 23:30 EST
      Date.UTC(2026, 2, 9, 4, 30), // 2026-03-09 00:30 EDT (23:30 on the 8th with a fixed winter offset)
    ]);
    const opts = { since: Date.UTC(2026, 1, 20), until: Date.UTC(2026, 2, 20), by: "day" as const };
    const ny = aggregate(s.db, { ...opts, offsetAt: zoneOffset("America/New_York") });
    expect(ny.groups.map((g) => g.key)).toEqual(["2026-02-28", "2026-03-09"]);
    const utc = aggregate(s.db, opts);
    expect(utc.groups.map((g) => g.key)).toEqual(["2026-03-01", "2026-03-09"]);
  });
});
