// Pure parsing of request-log rows (src/usage/schema.ts RequestRow) and usage summaries as the API sends them.
import type { UsageTotals } from "../../usage/aggregate.ts";
import type { RequestRow } from "../../usage/schema.ts";
import { isObject } from "./config-doc.ts";

/** A request row as the UI shows it: the stored row (src/usage/schema.ts) with `failures` parsed and `stream` a boolean. */
export type Row = Pick<
  RequestRow,
  | "id" | "time" | "session" | "client_key" | "scenario" | "reason" | "provider" | "model" | "attempts" | "status" | "error_type"
  | "input_tokens" | "output_tokens" | "cache_read_tokens" | "ttft_ms" | "cost" | "request_body" | "response_body"
> & { failures: string[]; stream: boolean; duration_ms: number | null };

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/** `failures` is stored as a JSON array of strings; anything else is shown as one entry. */
function failures(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== "string" || v === "" || v === "[]") return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.map(String) : [v];
  } catch {
    return [v];
  }
}

/** One row from JSON, or undefined when it is not a row. */
export function parseRow(v: unknown): Row | undefined {
  if (!isObject(v) || typeof v.id !== "number") return undefined;
  return {
    id: v.id,
    time: num(v.time) ?? 0,
    session: str(v.session),
    client_key: str(v.client_key),
    scenario: str(v.scenario) ?? "",
    reason: str(v.reason),
    provider: str(v.provider),
    model: str(v.model),
    attempts: num(v.attempts) ?? 0,
    failures: failures(v.failures),
    status: num(v.status) ?? 0,
    error_type: str(v.error_type),
    stream: v.stream === 1 || v.stream === true,
    input_tokens: num(v.input_tokens),
    output_tokens: num(v.output_tokens),
    cache_read_tokens: num(v.cache_read_tokens),
    ttft_ms: num(v.ttft_ms),
    duration_ms: num(v.duration_ms),
    cost: num(v.cost),
    request_body: str(v.request_body),
    response_body: str(v.response_body),
  };
}

/** The array under `key` in an API answer (`{requests: [...]}`, `{groups: [...]}`); empty when it is missing. */
export function listOf(body: unknown, key: string): unknown[] {
  const list = isObject(body) ? body[key] : undefined;
  return Array.isArray(list) ? list : [];
}

/** Rows from a `GET /api/requests` body, newest first. */
export function parseRows(body: unknown): Row[] {
  return listOf(body, "requests")
    .flatMap((r) => parseRow(r) ?? [])
    .sort((a, b) => b.id - a.id);
}

/** Adds a live row to the list (newest first), replacing a row with the same id, keeping at most `max`. */
export function addRow(rows: readonly Row[], row: Row, max = 500): Row[] {
  return [row, ...rows.filter((r) => r.id !== row.id)].sort((a, b) => b.id - a.id).slice(0, max);
}

/** The table's filters: a scenario name and a status class digit (`2`, `4`, `5`); empty means all. */
export interface RowFilter {
  scenario: string;
  status: string;
}

/** True when a live row belongs in the filtered table. */
export function matchesFilter(row: Row, filter: RowFilter): boolean {
  if (filter.scenario !== "" && row.scenario !== filter.scenario) return false;
  return filter.status === "" || String(row.status).startsWith(filter.status);
}

/** The query string of `GET /api/requests` for the filters and an optional before-id cursor. */
export function filterQuery(filter: RowFilter, before: number | null, limit = 200): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.scenario !== "") q.set("scenario", filter.scenario);
  if (filter.status !== "") q.set("status", `${filter.status}xx`);
  if (before !== null) q.set("before", String(before));
  return q.toString();
}

/** One group of a usage summary (a day, a model or a provider). */
export interface UsageGroup {
  key: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  /** Requests with tokens but no known price: their cost is missing from `cost`. */
  unpriced: number;
}

/** Groups from a `GET /api/usage` body (`{groups: UsageTotals[]}`). */
export function parseUsage(body: unknown): UsageGroup[] {
  return listOf(body, "groups").flatMap((g): UsageGroup[] => {
    if (!isObject(g)) return [];
    const n = (name: keyof UsageTotals) => num(g[name]) ?? 0;
    return [{ key: str(g.key) ?? "", requests: n("requests"), input_tokens: n("input_tokens"), output_tokens: n("output_tokens"), cost: n("cost"), unpriced: n("unknown_cost") }];
  });
}

/** A usage group's name as shown: requests refused before a route was picked are grouped as `(none)` by the server. */
export function groupLabel(key: string): string {
  return key === "" || key === "(none)" || key === "(none),(none)" ? "(no route)" : key;
}

/** `YYYY-MM-DD` for the last `days` days up to `now` in local time, oldest first, so empty days still get a bar. */
export function lastDays(days: number, now: number = Date.now()): string[] {
  const pad = (n: number) => String(n).padStart(2, "0");
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(now);
    // setDate steps calendar days, so a DST change never skips or repeats one.
    d.setDate(d.getDate() - (days - 1 - i));
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/** The browser's time zone for `/api/usage?tz=`, so days are cut where the person looking at them lives. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
