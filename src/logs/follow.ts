// Follows the log directory like `tail -F`: new lines of the newest file, moving on when a new file starts.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { logFileNames } from "./log-files.ts";

export interface FollowOptions {
  dir: string;
  onLine: (line: string, file: string) => void;
  /** Start at the end of the newest file (true) or at its start. */
  fromEnd?: boolean;
  /** Only this file (the admin API follows one named file); default: whatever is newest. */
  file?: string;
  /** Continue exactly where a reader stopped (`ccr logs -f` after its tail), so no line is lost or repeated. */
  start?: { file: string; offset: number };
  pollMs?: number;
}

/** Stops the follower. */
export type StopFollowing = () => void;

function sizeOf(path: string): number {
  try {
    const fd = openSync(path, "r");
    try {
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  } catch {
    // Pruned meanwhile.
    return 0;
  }
}

function readFrom(path: string, offset: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    const read = readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Polls for new complete lines; a partial last line waits for its newline. */
export function followLogs(opts: FollowOptions): StopFollowing {
  const pick = () => opts.file ?? logFileNames(opts.dir)[0];
  let file = opts.start?.file ?? pick();
  let offset = opts.start?.offset ?? (file !== undefined && opts.fromEnd !== false ? sizeOf(join(opts.dir, file)) : 0);
  let pending = Buffer.alloc(0);
  /** Complete new lines of the current file since the last call. */
  const drain = (): { line: string; file: string }[] => {
    if (file === undefined) return [];
    const current = file;
    const chunk = readFrom(join(opts.dir, current), offset);
    offset += chunk.length;
    pending = Buffer.concat([pending, chunk]);
    const lines: { line: string; file: string }[] = [];
    let newline = pending.indexOf(10);
    while (newline !== -1) {
      const line = pending.subarray(0, newline).toString("utf8");
      pending = pending.subarray(newline + 1);
      if (line !== "") lines.push({ line, file: current });
      newline = pending.indexOf(10);
    }
    return lines;
  };
  const read = (): { line: string; file: string }[] => {
    try {
      if (file !== undefined && sizeOf(join(opts.dir, file)) < offset) offset = 0;
      const lines = drain();
      const newest = pick();
      if (newest === file) return lines;
      file = newest;
      offset = 0;
      pending = Buffer.alloc(0);
      return [...lines, ...drain()];
    } catch {
      // The file was pruned or the directory removed: look again on the next tick.
      file = pick();
      offset = 0;
      return [];
    }
  };
  // Lines are handed out after reading, so a failing consumer never looks like a vanished file.
  const tick = () => {
    for (const { line, file: from } of read()) opts.onLine(line, from);
  };
  const timer = setInterval(tick, opts.pollMs ?? 250);
  return () => clearInterval(timer);
}
