// One log line as data: parsed from the JSON the logger writes, filtered by level, rendered for a terminal.
import type { LogLevel } from "../log.ts";

/** A parsed line: the logger's `{time, level, msg, ...fields}`; a line that is not JSON becomes its `msg`. */
export interface LogEntry {
  time: string | undefined;
  level: LogLevel;
  msg: string;
  fields: Record<string, unknown>;
}

export const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "fatal"];

/** Narrows a string to a log level name. */
export function isLogLevel(value: string): value is LogLevel {
  return LOG_LEVELS.some((level) => level === value);
}

/** True when `level` is `min` or more severe. */
export function atLeast(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

/** Parses one line; never throws. */
export function parseLogLine(line: string): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Plain text (a crash message): keep it whole.
    return { time: undefined, level: "info", msg: line, fields: {} };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { time: undefined, level: "info", msg: line, fields: {} };
  const { time, level, msg, ...fields } = Object.fromEntries(Object.entries(value));
  return {
    time: typeof time === "string" ? time : undefined,
    level: typeof level === "string" && isLogLevel(level) ? level : "info",
    msg: typeof msg === "string" ? msg : "",
    fields,
  };
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** `06:21:16.123 WARN  message key=value ...` for `ccr logs`. */
export function formatLogEntry(entry: LogEntry): string {
  const time = entry.time ? `${entry.time.slice(0, 10)} ${entry.time.slice(11, 23)} ` : "";
  const fields = Object.entries(entry.fields).map(([key, value]) => ` ${key}=${renderValue(value)}`);
  return `${time}${entry.level.toUpperCase().padEnd(5)} ${entry.msg}${fields.join("")}`;
}
