// The request log over HTTP: list and filter rows, one row with its bodies, a live feed, and usage totals.
import { Elysia } from "elysia";
import { RouterError, ValidationError } from "../errors.ts";
import { encodeComment, encodeJsonEvent } from "../sse/encode.ts";
import { aggregate, GROUPS, type GroupBy } from "../usage/aggregate.ts";
import { dayStart, zoneOffset, type OffsetAt } from "../usage/day-offset.ts";
import type { Recorder } from "../usage/recorder.ts";
import type { RequestRow } from "../usage/schema.ts";
import { MAX_PAGE, type RowFilter, type UsageStore } from "../usage/store.ts";
import { openFeed } from "./live-feed.ts";

export interface UsageRouteState {
  recorder: Recorder | undefined;
  now?: () => number;
  /** Keep-alive comment period of the live feed. */
  pingMs?: number;
}

function storeOf(state: UsageRouteState): UsageStore {
  const store = state.recorder?.store;
  if (!store) throw new RouterError(503, "api_error", "The request log is off: the server runs without a home directory (CCR_HOME).");
  return store;
}

function int(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError(`${name}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** Milliseconds since the epoch, or an ISO date. */
function time(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(n)) throw new ValidationError(`${name}: expected milliseconds since the epoch or an ISO date, got "${text}"`);
  return n;
}

function statusClass(params: URLSearchParams): number | undefined {
  const text = params.get("status");
  if (text === null || text === "") return undefined;
  const match = /^([1-5])(?:xx)?$/i.exec(text);
  if (!match) throw new ValidationError(`status: expected a status class like 2xx, 4xx or 5xx, got "${text}"`);
  return Number(match[1]);
}

/** The filters of `GET /api/requests` from its query string. */
export function rowFilter(params: URLSearchParams): RowFilter {
  const text = (name: string) => params.get(name) || undefined;
  return {
    since: time(params, "since"),
    until: time(params, "until"),
    provider: text("provider"),
    model: text("model"),
    session: text("session"),
    scenario: text("scenario"),
    statusClass: statusClass(params),
    before: int(params, "before", 1, Number.MAX_SAFE_INTEGER),
    limit: int(params, "limit", 1, MAX_PAGE) ?? 100,
  };
}

function listRequests(state: UsageRouteState, url: URL): Response {
  const filter = rowFilter(url.searchParams);
  const rows = storeOf(state).list(filter);
  const last = rows.at(-1);
  return Response.json({ requests: rows, next_before: rows.length === filter.limit && last ? last.id : null });
}

function oneRequest(state: UsageRouteState, idText: string): Response {
  const id = Number(idText);
  const row = Number.isInteger(id) && id > 0 ? storeOf(state).get(id) : undefined;
  if (!row) throw new RouterError(404, "not_found_error", `No request with id ${idText} in the request log.`);
  return Response.json(row);
}

/** The `tz` parameter: an IANA zone or a fixed offset; UTC when absent (the server's zone may not be the viewer's). */
function zone(params: URLSearchParams): { tz: string; offsetAt: OffsetAt } {
  const tz = params.get("tz") || "UTC";
  try {
    return { tz, offsetAt: zoneOffset(tz) };
  } catch {
    // RangeError from Intl or the offset parser: the zone is the caller's mistake.
    throw new ValidationError(`tz: expected an IANA time zone like Europe/Berlin or an offset like +05:30, got "${tz}"`);
  }
}

/** `GET /api/usage?days=N&by=GROUP&tz=ZONE`: the last N whole days in `tz` (today included), days cut in `tz`. */
function usage(state: UsageRouteState, url: URL): Response {
  const days = int(url.searchParams, "days", 1, 3650) ?? 30;
  const by = url.searchParams.get("by") ?? "day";
  if (!(GROUPS as readonly string[]).includes(by)) throw new ValidationError(`by: expected one of ${GROUPS.join(", ")}, got "${by}"`);
  const { tz, offsetAt } = zone(url.searchParams);
  const since = dayStart(offsetAt, (state.now ?? Date.now)(), days - 1);
  // Checked against GROUPS just above.
  const result = aggregate(storeOf(state).db, { since, by: by as GroupBy, offsetAt });
  return Response.json({ days, by, tz, since, ...result });
}

/** Without bodies: the live table never shows them and they may be large. */
function summary(row: RequestRow): RequestRow {
  return row.request_body === null && row.response_body === null ? row : { ...row, request_body: null, response_body: null };
}

/** `GET /api/requests/stream`: every new row as one `request` event, keep-alive comments in between. */
function liveFeed(state: UsageRouteState, request: Request): Response {
  const recorder = state.recorder;
  if (!recorder) throw new RouterError(503, "api_error", "The request log is off.");
  return openFeed(
    (send) => {
      send(encodeComment("connected"));
      const unsubscribe = recorder.subscribe((row) => send(encodeJsonEvent(summary(row), "request")));
      const ping = setInterval(() => send(encodeComment("ping")), state.pingMs ?? 15_000);
      return () => {
        unsubscribe();
        clearInterval(ping);
      };
    },
    { signal: request.signal, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } },
  );
}

function guarded(run: () => Response): Response {
  try {
    return run();
  } catch (err) {
    if (err instanceof RouterError) return err.toResponse();
    throw err;
  }
}

/** The request-log routes, mounted by the app behind the admin guard. */
export function usageRoutes(state: UsageRouteState) {
  return new Elysia()
    .get("/api/requests", ({ request }) => guarded(() => listRequests(state, new URL(request.url))))
    .get("/api/requests/stream", ({ request }) => guarded(() => liveFeed(state, request)))
    .get("/api/requests/:id", ({ params }) => guarded(() => oneRequest(state, params.id)))
    .get("/api/usage", ({ request }) => guarded(() => usage(state, new URL(request.url))));
}
