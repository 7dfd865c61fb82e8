// Usage totals from the request log, grouped by model, provider, session, project or day (CLI and `GET /api/usage`).
import type { Database } from "bun:sqlite";
import { offsetSpans, type OffsetAt, type OffsetSpan } from "./day-offset.ts";

export const GROUPS = ["model", "provider", "session", "project", "day"] as const;
export type GroupBy = (typeof GROUPS)[number];

/** Totals of one group (or of everything). */
export interface UsageTotals {
  key: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** Sum over rows with a known price. */
  cost: number;
  /** Rows with tokens but no known price: their cost is missing from `cost`. */
  unknown_cost: number;
  /** Rows whose tokens ccr estimated. */
  estimated: number;
}

export interface AggregateOptions {
  /** Milliseconds since the epoch; rows at or after. */
  since: number;
  until?: number;
  by: GroupBy;
  /** Where days begin: the zone's offset at each instant (DST included); without it, UTC days. */
  offsetAt?: OffsetAt;
}

/** The offset for each row's time as SQL: one CASE branch per offset change inside the window. */
function offsetExpression(spans: readonly OffsetSpan[]): string {
  const [first, ...rest] = spans;
  if (!first) return "0";
  if (rest.length === 0) return String(Math.trunc(first.offset));
  let previous = first.offset;
  const branches = rest.map((span) => {
    const branch = `WHEN time < ${Math.trunc(span.from)} THEN ${Math.trunc(previous)}`;
    previous = span.offset;
    return branch;
  });
  return `CASE ${branches.join(" ")} ELSE ${Math.trunc(previous)} END`;
}

function keyExpression(opts: AggregateOptions): string {
  switch (opts.by) {
    case "model":
      return "COALESCE(provider, '(none)') || ',' || COALESCE(model, '(none)')";
    case "day": {
      const spans = opts.offsetAt ? offsetSpans(opts.offsetAt, opts.since, opts.until ?? Date.now()) : [];
      return `strftime('%Y-%m-%d', (time + ${offsetExpression(spans)}) / 1000, 'unixepoch')`;
    }
    default:
      return `COALESCE(${opts.by}, '(none)')`;
  }
}

const SUMS = `count(*) AS requests,
  SUM(status >= 400) AS errors,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
  COALESCE(SUM(cache_write_tokens), 0) AS cache_write_tokens,
  COALESCE(SUM(cost), 0) AS cost,
  SUM(cost IS NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)) AS unknown_cost,
  SUM(tokens_estimated) AS estimated`;

/** Groups ordered by cost then requests (days in date order), plus the grand total. */
export function aggregate(db: Database, opts: AggregateOptions): { groups: UsageTotals[]; totals: UsageTotals } {
  const until = opts.until ?? Number.MAX_SAFE_INTEGER;
  const key = keyExpression(opts);
  const order = opts.by === "day" ? "key" : "cost DESC, requests DESC, key";
  const groups = db
    .query<UsageTotals, [number, number]>(`SELECT ${key} AS key, ${SUMS} FROM requests WHERE time >= ? AND time < ? GROUP BY key ORDER BY ${order}`)
    .all(opts.since, until);
  const total = db.query<UsageTotals, [number, number]>(`SELECT 'total' AS key, ${SUMS} FROM requests WHERE time >= ? AND time < ?`).get(opts.since, until);
  const zero: UsageTotals = { key: "total", requests: 0, errors: 0, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, cost: 0, unknown_cost: 0, estimated: 0 };
  // SUM over no rows is NULL.
  return { groups, totals: { ...zero, ...Object.fromEntries(Object.entries(total ?? {}).filter(([, v]) => v !== null)) } };
}
