// GET /api/logs, /api/logs/:name and /api/logs/:name/stream: the server's log files for the web UI, read by name only.
import { Elysia } from "elysia";
import { logsDir, type Env } from "../config/paths.ts";
import { RouterError } from "../errors.ts";
import type { LogLevel } from "../log.ts";
import { followLogs } from "../logs/follow.ts";
import { logFileNames, logFilePath, listLogFiles, readLastLines } from "../logs/log-files.ts";
import { atLeast, isLogLevel, LOG_LEVELS, parseLogLine, type LogEntry } from "../logs/log-lines.ts";
import { encodeComment, encodeJsonEvent } from "../sse/encode.ts";
import { openFeed } from "./live-feed.ts";

export interface LogsRoutesDeps {
  /** The server's environment (CCR_HOME); without it the process environment is used. */
  env: Env | undefined;
}

const DEFAULT_LINES = 100;
const MAX_LINES = 10_000;
/** Lines scanned at most when a level filter skips many of them. */
const MAX_SCAN = 200_000;

/** A log line as the API returns it: `{time, level, msg, ...fields}`. */
function asJson(entry: LogEntry): Record<string, unknown> {
  return { ...entry.fields, time: entry.time, level: entry.level, msg: entry.msg };
}

function badRequest(message: string): RouterError {
  return new RouterError(400, "invalid_request_error", message);
}

function levelParam(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === "") return "trace";
  if (!isLogLevel(raw)) throw badRequest(`level: expected one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  return raw;
}

function linesParam(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_LINES;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LINES) throw badRequest(`lines: expected a whole number from 1 to ${MAX_LINES}, got "${raw}"`);
  return Number(raw);
}

/** The newest `count` entries at or above `level`, widening the window when the filter drops lines. */
export function lastEntries(path: string, count: number, level: LogLevel): LogEntry[] {
  let window = count;
  for (;;) {
    const raw = readLastLines(path, window);
    const entries = raw.map(parseLogLine).filter((entry) => atLeast(entry.level, level));
    if (entries.length >= count || raw.length < window || window >= MAX_SCAN) return entries.slice(-count);
    window = Math.min(window * 4, MAX_SCAN);
  }
}

/** New lines of a log file as server-sent events, until the client goes away (or stops reading). */
function streamLog(dir: string, name: string, level: LogLevel, signal: AbortSignal): Response {
  // Following the newest file keeps the stream going across rotation; an older file is followed as named.
  const file = logFileNames(dir)[0] === name ? undefined : name;
  return openFeed(
    (send) => {
      send(encodeComment("following"));
      const stopFollowing = followLogs({
        dir,
        file,
        fromEnd: true,
        onLine: (line, from) => {
          const entry = parseLogLine(line);
          if (atLeast(entry.level, level)) send(encodeJsonEvent({ file: from, ...asJson(entry) }));
        },
      });
      const keepAlive = setInterval(() => send(encodeComment("keep-alive")), 15_000);
      return () => {
        stopFollowing();
        clearInterval(keepAlive);
      };
    },
    { signal, headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } },
  );
}

function existing(dir: string, name: string): string {
  const path = logFilePath(dir, name);
  if (path === undefined) throw new RouterError(404, "not_found_error", `No log file named "${name}"; GET /api/logs lists them.`);
  return path;
}

function answer(fn: () => Response | Record<string, unknown>): Response {
  try {
    const result = fn();
    return result instanceof Response ? result : Response.json(result);
  } catch (err) {
    if (err instanceof RouterError) return err.toResponse();
    throw err;
  }
}

/** The log routes; the admin guard in app.ts has already admitted the request. */
export function logsRoutes(deps: LogsRoutesDeps) {
  // The running server was started with the process environment when none was handed in.
  const dir = () => logsDir(deps.env ?? process.env);
  return new Elysia()
    .get("/api/logs", () => answer(() => ({ dir: dir(), files: listLogFiles(dir()) })))
    .get("/api/logs/:name", ({ params, query }) =>
      answer(() => {
        const path = existing(dir(), params.name);
        const entries = lastEntries(path, linesParam(query.lines), levelParam(query.level));
        return { name: params.name, lines: entries.map(asJson) };
      }),
    )
    .get("/api/logs/:name/stream", ({ params, query, request }) =>
      answer(() => {
        existing(dir(), params.name);
        return streamLog(dir(), params.name, levelParam(query.level), request.signal);
      }),
    );
}

