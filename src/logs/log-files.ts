// The server's log files in CCR_HOME/logs: named `ccr-<UTC date>[.<n>].log`, listed newest first, read by name only.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";

/** One log file as the admin API lists it. */
export interface LogFile {
  name: string;
  size: number;
  /** Last write, ISO 8601. */
  modified: string;
}

const LOG_NAME = /^ccr-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;

/** `ccr-2026-12-03.log` for index 0, `ccr-2026-12-03.2.log` after two size rotations that day. */
export function logFileName(day: string, index: number): string {
  return index === 0 ? `ccr-${day}.log` : `ccr-${day}.${index}.log`;
}

/** The day and index of a log file name, or undefined for any other name. */
export function parseLogFileName(name: string): { day: string; index: number } | undefined {
  const match = LOG_NAME.exec(name);
  if (!match?.[1]) return undefined;
  return { day: match[1], index: Number(match[2] ?? 0) };
}

/** Orders names newest first: later day, then higher index. */
export function compareNewestFirst(a: string, b: string): number {
  const pa = parseLogFileName(a);
  const pb = parseLogFileName(b);
  if (!pa || !pb) return a < b ? 1 : -1;
  if (pa.day !== pb.day) return pa.day < pb.day ? 1 : -1;
  return pb.index - pa.index;
}

/** The log file names in `dir`, newest first (empty when the directory does not exist). */
export function logFileNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => LOG_NAME.test(name))
    .sort(compareNewestFirst);
}

/** Every log file with its size and modification time, newest first. */
export function listLogFiles(dir: string): LogFile[] {
  return logFileNames(dir).flatMap((name) => {
    try {
      const stat = statSync(join(dir, name));
      return [{ name, size: stat.size, modified: stat.mtime.toISOString() }];
    } catch {
      // Pruned between the listing and the stat.
      return [];
    }
  });
}

/** The size of a file now, 0 when it is gone. */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // Pruned meanwhile: nothing to read.
    return 0;
  }
}

/** The file being written now (the newest), if any. */
export function newestLogFile(dir: string): LogFile | undefined {
  return listLogFiles(dir)[0];
}

/** The path of a listed log file; undefined for any name that is not one (no paths, no `..`). */
export function logFilePath(dir: string, name: string): string | undefined {
  return logFileNames(dir).includes(name) ? join(dir, name) : undefined;
}

/** The last `count` complete lines of a file (of its first `end` bytes when given), reading backwards in chunks. */
export function readLastLines(path: string, count: number, end?: number): string[] {
  if (count <= 0) return [];
  const fd = openSync(path, "r");
  try {
    const size = Math.min(fstatSync(fd).size, end ?? Number.POSITIVE_INFINITY);
    const chunk = 64 * 1024;
    let position = size;
    // Raw bytes, decoded once at the end: a chunk boundary may fall inside a multi-byte character.
    let bytes = Buffer.alloc(0);
    let newlines = 0;
    while (position > 0 && newlines <= count) {
      const length = Math.min(chunk, position);
      position -= length;
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, position);
      for (const byte of buffer) if (byte === 10) newlines++;
      bytes = Buffer.concat([buffer, bytes]);
    }
    const lines = bytes.toString("utf8").split("\n").filter((line) => line !== "");
    // The first line may be cut mid-way when we stopped reading before the file's start.
    if (position > 0) lines.shift();
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}
