// Appends log lines to CCR_HOME/logs, starting a new file each UTC day and whenever one reaches its size cap; keeps the newest N.
import { closeSync, fstatSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describeError } from "../errors.ts";
import { logFileName, logFileNames, parseLogFileName } from "./log-files.ts";

export interface RotatingWriterOptions {
  dir: string;
  /** A file is closed and a new one started before it would grow past this. */
  maxBytes?: number;
  /** Older files beyond this count are deleted. */
  maxFiles?: number;
  now?: () => number;
  /** Called once if writing fails (disk full, directory removed); later lines are dropped. */
  onError?: (message: string) => void;
}

export interface RotatingWriter {
  write(line: string): void;
  /** The name of the file being written, undefined before the first line. */
  current(): string | undefined;
  close(): void;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A writer of whole lines (a newline is added) with size and day rotation. */
export function createRotatingWriter(opts: RotatingWriterOptions): RotatingWriter {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = Math.max(1, opts.maxFiles ?? DEFAULT_MAX_FILES);
  const now = opts.now ?? Date.now;
  let fd: number | undefined;
  let name: string | undefined;
  let dayEndsAt = 0;
  let size = 0;
  let failed = false;

  const prune = () => {
    for (const old of logFileNames(opts.dir).slice(maxFiles)) rmSync(join(opts.dir, old), { force: true });
  };

  /** Opens the newest file of today if it has room, else the next index. */
  const open = (bytes: number): number => {
    if (fd !== undefined) closeSync(fd);
    mkdirSync(opts.dir, { recursive: true });
    const at = now();
    const day = utcDay(at);
    dayEndsAt = (Math.floor(at / DAY_MS) + 1) * DAY_MS;
    const today = logFileNames(opts.dir).map(parseLogFileName).find((parsed) => parsed?.day === day);
    let index = today?.index ?? 0;
    let candidate = logFileName(day, index);
    fd = openSync(join(opts.dir, candidate), "a", 0o600);
    size = fstatSync(fd).size;
    if (size > 0 && size + bytes > maxBytes) {
      closeSync(fd);
      index += 1;
      candidate = logFileName(day, index);
      fd = openSync(join(opts.dir, candidate), "a", 0o600);
      size = fstatSync(fd).size;
    }
    name = candidate;
    prune();
    return fd;
  };

  return {
    write(line) {
      if (failed) return;
      const bytes = Buffer.from(`${line}\n`, "utf8");
      try {
        const target = fd === undefined || now() >= dayEndsAt || (size > 0 && size + bytes.length > maxBytes) ? open(bytes.length) : fd;
        size += writeSync(target, bytes);
      } catch (err) {
        failed = true;
        opts.onError?.(`cannot write the log in ${opts.dir}: ${describeError(err)}; logging to files stops`);
      }
    },
    current: () => name,
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
