// The request log on disk: `CCR_HOME/requests.db` (SQLite in WAL mode), written in batches, read by the CLI and the API.
import { Database, type SQLQueryBindings } from "bun:sqlite";
import { CREATE_REQUESTS_SQL, type RequestRow } from "./schema.ts";

/** A row before SQLite gave it an id. */
export type NewRow = Omit<RequestRow, "id">;

const COLUMNS = [
  "time", "session", "project", "client_key", "scenario", "reason", "provider", "model", "attempts", "failures", "status",
  "error_type", "stream", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "tokens_estimated",
  "context_window", "ttft_ms", "duration_ms", "tokens_per_second", "cost", "request_body", "response_body",
] as const satisfies readonly (keyof NewRow)[];

/** Filters of `GET /api/requests`; every field optional. */
export interface RowFilter {
  since?: number;
  until?: number;
  provider?: string;
  model?: string;
  session?: string;
  scenario?: string;
  /** HTTP status class: 2 for 2xx, 4 for 4xx, 5 for 5xx. */
  statusClass?: number;
  /** Rows with an id below this (paging backwards from the newest). */
  before?: number;
  limit?: number;
}

export interface UsageStore {
  /** Inserts rows in one transaction and returns them with their ids. */
  insert(rows: readonly NewRow[]): RequestRow[];
  /** Newest first. Bodies are left out unless `withBodies`. */
  list(filter: RowFilter, withBodies?: boolean): RequestRow[];
  get(id: number): RequestRow | undefined;
  /** Deletes rows older than `before` (ms), then the oldest rows while the data exceeds `maxBytes`; returns rows deleted. */
  prune(before: number, maxBytes: number): number;
  readonly db: Database;
  close(): void;
}

/** Opens (creating if needed) the request log at `path`; `readonly` opens an existing file for reading only. */
export function openUsageStore(path: string, opts: { readonly?: boolean } = {}): UsageStore {
  const db = opts.readonly ? new Database(path, { readonly: true }) : new Database(path, { create: true });
  if (!opts.readonly) {
    // Incremental auto-vacuum lets pruning give space back; it only takes effect on a new, empty file.
    db.exec("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 2000;");
    db.exec(CREATE_REQUESTS_SQL);
  }
  const insertOne = opts.readonly
    ? undefined
    : db.prepare<unknown, SQLQueryBindings[]>(`INSERT INTO requests (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
  const insertMany = db.transaction((rows: readonly NewRow[]) =>
    rows.map((row) => {
      const info = insertOne?.run(...COLUMNS.map((c) => row[c]));
      return { id: Number(info?.lastInsertRowid ?? 0), ...row };
    }),
  );
  return {
    db,
    insert: (rows) => (rows.length === 0 ? [] : insertMany(rows)),
    list: (filter, withBodies = false) => listRows(db, filter, withBodies),
    get: (id) => db.query<RequestRow, [number]>("SELECT * FROM requests WHERE id = ?").get(id) ?? undefined,
    prune: (before, maxBytes) => prune(db, before, maxBytes),
    close: () => db.close(),
  };
}

/** Most rows one page returns. */
export const MAX_PAGE = 1000;

function listRows(db: Database, f: RowFilter, withBodies: boolean): RequestRow[] {
  const where: string[] = [];
  const params: SQLQueryBindings[] = [];
  const add = (sql: string, value: SQLQueryBindings | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add("time >= ?", f.since);
  add("time < ?", f.until);
  add("provider = ?", f.provider);
  add("model = ?", f.model);
  add("session = ?", f.session);
  add("scenario = ?", f.scenario);
  add("id < ?", f.before);
  if (f.statusClass !== undefined) add("status / 100 = ?", f.statusClass);
  const columns = withBodies ? "*" : ["id", ...COLUMNS.filter((c) => c !== "request_body" && c !== "response_body")].join(", ");
  const limit = Math.min(Math.max(1, f.limit ?? 100), MAX_PAGE);
  const sql = `SELECT ${columns} FROM requests ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ${limit}`;
  const rows = db.query<RequestRow, SQLQueryBindings[]>(sql).all(...params);
  return withBodies ? rows : rows.map((r) => ({ ...r, request_body: null, response_body: null }));
}

function usedBytes(db: Database): number {
  const one = (sql: string) => Number(Object.values(db.query<Record<string, number>, []>(sql).get() ?? {})[0] ?? 0);
  return (one("PRAGMA page_count") - one("PRAGMA freelist_count")) * one("PRAGMA page_size");
}

function prune(db: Database, before: number, maxBytes: number): number {
  let deleted = db.query("DELETE FROM requests WHERE time < ?").run(before).changes;
  // Bounded: each round drops a tenth of what is left, so a few rounds reach any cap.
  for (let round = 0; round < 30 && usedBytes(db) > maxBytes; round++) {
    const count = db.query<{ n: number }, []>("SELECT count(*) AS n FROM requests").get()?.n ?? 0;
    if (count === 0) break;
    const drop = Math.max(1, Math.ceil(count / 10));
    deleted += db.query("DELETE FROM requests WHERE id IN (SELECT id FROM requests ORDER BY id LIMIT ?)").run(drop).changes;
  }
  if (deleted > 0) db.exec("PRAGMA incremental_vacuum");
  return deleted;
}
