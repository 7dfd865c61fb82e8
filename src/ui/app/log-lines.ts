// Pure parsing of server log lines (JSON lines or plain text) for the Logs screen.
import { isObject } from "./config-doc.ts";

/** Log levels, least severe first. */
export const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** One log entry as the Logs screen shows it. */
export interface LogLine {
  time: string;
  level: string;
  message: string;
  /** The remaining fields, as `key=value` text. */
  extra: string;
}

const PINO_LEVELS: Readonly<Record<number, string>> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** One log entry from a JSON object, a JSON text line or plain text. */
export function parseLogLine(entry: unknown): LogLine {
  let value = entry;
  if (typeof entry === "string") {
    try {
      value = JSON.parse(entry);
    } catch {
      return { time: "", level: "", message: entry, extra: "" };
    }
  }
  if (!isObject(value)) return { time: "", level: "", message: String(entry), extra: "" };
  // `file` names the log file on live lines; the screen already shows which file it follows.
  const { time, level, msg, message, file: _file, ...rest } = value;
  const lvl = typeof level === "number" ? (PINO_LEVELS[level] ?? String(level)) : typeof level === "string" ? level : "";
  const t = typeof time === "number" ? new Date(time).toISOString() : typeof time === "string" ? time : "";
  const text = typeof msg === "string" ? msg : typeof message === "string" ? message : "";
  const extra = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return { time: t, level: lvl, message: text, extra };
}

/** True when `line` is at `min` or more severe; lines without a level always pass. */
export function atLeast(line: LogLine, min: string): boolean {
  if (min === "" || line.level === "") return true;
  const rank = (l: string) => LEVELS.findIndex((x) => x === l);
  return rank(line.level) >= rank(min);
}
