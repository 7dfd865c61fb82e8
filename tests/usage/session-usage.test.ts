import { Database } from "bun:sqlite";
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSessionUsage } from "../../src/usage/session-usage.ts";
import { CREATE_REQUESTS_SQL } from "../../src/usage/schema.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-statusline-db-"));
  dirs.push(dir);
  return join(dir, "requests.db");
}

type Row = { session: string; scenario?: string; model: string; status?: number; input?: number; cost?: number | null };

function insert(db: Database, rows: readonly Row[]): void {
  const statement = db.query(
    `INSERT INTO requests (time, session, scenario, provider, model, attempts, status, duration_ms, input_tokens, output_tokens, context_window, tokens_per_second, cost)
     VALUES (?1, ?2, ?3, 'p', ?4, 1, ?5, 100, ?6, 10, 1000, 20, ?7)`,
  );
  rows.forEach((r, i) => statement.run(i, r.session, r.scenario ?? "default", r.model, r.status ?? 200, r.input ?? 100, r.cost === undefined ? 0.01 : r.cost));
}

function dbWith(rows: readonly Row[]): string {
  const path = tempDb();
  const db = new Database(path);
  db.run(CREATE_REQUESTS_SQL);
  insert(db, rows);
  db.close();
  return path;
}

describe("readSessionUsage", () => {
  test("returns the session's latest successful foreground request and its summed cost", () => {
    const path = dbWith([
      { session: "s1", model: "old", input: 5 },
      { session: "s1", model: "new", input: 7 },
      { session: "s1", scenario: "background", model: "small" },
      { session: "s1", model: "failing", status: 502, cost: null },
      { session: "s2", model: "other", cost: 5 },
    ]);
    const usage = readSessionUsage(path, "s1");
    expect(usage?.model).toBe("new");
    expect(usage?.inputTokens).toBe(7);
    expect(usage?.sessionCost).toBeCloseTo(0.03);
  });

  test("falls back to a background request when the session has nothing else", () => {
    expect(readSessionUsage(dbWith([{ session: "s1", scenario: "background", model: "small" }]), "s1")?.model).toBe("small");
  });

  test("reports an unknown cost as null, not zero", () => {
    expect(readSessionUsage(dbWith([{ session: "s1", model: "m", cost: null }]), "s1")?.sessionCost).toBeNull();
  });

  test("is undefined, without creating anything, when the database, the table or the session is missing", () => {
    const missing = tempDb();
    expect(readSessionUsage(missing, "s1")).toBeUndefined();
    expect(existsSync(missing)).toBe(false);
    const empty = tempDb();
    new Database(empty).close();
    expect(readSessionUsage(empty, "s1")).toBeUndefined();
    expect(readSessionUsage(dbWith([{ session: "s2", model: "m" }]), "s1")).toBeUndefined();
  });
});
