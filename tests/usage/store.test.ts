import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openUsageStore, type UsageStore } from "../../src/usage/store.ts";
import { row } from "./rows.ts";

const dirs: string[] = [];
const stores: UsageStore[] = [];

function store(): UsageStore {
  const dir = mkdtempSync(join(tmpdir(), "ccr-usage-store-"));
  dirs.push(dir);
  const s = openUsageStore(join(dir, "requests.db"));
  stores.push(s);
  return s;
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openUsageStore", () => {
  test("uses WAL mode and gives inserted rows increasing ids", () => {
    const s = store();
    const [a, b] = s.insert([row(), row({ model: "deepseek-reasoner" })]);
    expect(s.db.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()?.journal_mode).toBe("wal");
    expect(a?.id).toBe(1);
    expect(b?.id).toBe(2);
    expect(s.get(2)?.model).toBe("deepseek-reasoner");
  });

  test("lists newest first, filtered, without bodies, and pages with a before-id cursor", () => {
    const s = store();
    s.insert([
      row({ time: 1000, provider: "a", request_body: "{}" }),
      row({ time: 2000, provider: "b", status: 502 }),
      row({ time: 3000, provider: "a", scenario: "think" }),
      row({ time: 4000, provider: "a", status: 429 }),
    ]);
    expect(s.list({}).map((r) => r.id)).toEqual([4, 3, 2, 1]);
    expect(s.list({ provider: "a" }).map((r) => r.id)).toEqual([4, 3, 1]);
    expect(s.list({ statusClass: 5 }).map((r) => r.id)).toEqual([2]);
    expect(s.list({ statusClass: 4 }).map((r) => r.id)).toEqual([4]);
    expect(s.list({ scenario: "think" }).map((r) => r.id)).toEqual([3]);
    expect(s.list({ since: 2000, until: 4000 }).map((r) => r.id)).toEqual([3, 2]);
    expect(s.list({ limit: 2 }).map((r) => r.id)).toEqual([4, 3]);
    expect(s.list({ limit: 2, before: 3 }).map((r) => r.id)).toEqual([2, 1]);
    expect(s.list({}).find((r) => r.id === 1)?.request_body).toBeNull();
    expect(s.get(1)?.request_body).toBe("{}");
  });

  test("prunes rows older than the cut-off", () => {
    const s = store();
    s.insert([row({ time: 1000 }), row({ time: 5000 })]);
    expect(s.prune(2000, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(s.list({}).map((r) => r.time)).toEqual([5000]);
  });

  test("prunes the oldest rows until the data fits the size cap", () => {
    const s = store();
    const big = "x".repeat(4000);
    s.insert(Array.from({ length: 300 }, (_, i) => row({ time: i, response_body: big })));
    const deleted = s.prune(0, 256 * 1024);
    const left = s.list({ limit: 1000 });
    expect(deleted).toBeGreaterThan(200);
    expect(left.length).toBe(300 - deleted);
    // The newest rows are the ones kept.
    expect(Math.min(...left.map((r) => r.time))).toBe(deleted);
  });
});
