// The PID file of the background server: written by the server once it listens, read (never trusted) by the CLI.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ccrHome, type Env } from "../config/paths.ts";

/** What the server records about itself. */
export interface PidRecord {
  pid: number;
  /** Where it answers `/health`, e.g. `http://127.0.0.1:3456`. */
  url: string;
  startedAt: number;
}

/** `CCR_HOME/ccr.pid`: one per ccr home. */
export function pidFilePath(env: Env): string {
  return join(ccrHome(env), "ccr.pid");
}

/** The record, or undefined when the file is missing or unreadable (a bare decimal PID is accepted too). */
export function readPidFile(env: Env): PidRecord | undefined {
  let text: string;
  try {
    text = readFileSync(pidFilePath(env), "utf8").trim();
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return undefined;
    throw err;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), url: "", startedAt: 0 };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const pid = "pid" in parsed ? parsed.pid : undefined;
    const url = "url" in parsed ? parsed.url : undefined;
    const startedAt = "startedAt" in parsed ? parsed.startedAt : undefined;
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return undefined;
    return { pid, url: typeof url === "string" ? url : "", startedAt: typeof startedAt === "number" ? startedAt : 0 };
  } catch {
    // A torn or hand-edited file is stale state, the same as no file.
    return undefined;
  }
}

/** Writes the record atomically (temp file + rename), so a reader never sees half a file. */
export function writePidFile(env: Env, record: PidRecord): void {
  const path = pidFilePath(env);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record)}\n`);
  renameSync(temp, path);
}

/** Removes the PID file; with `onlyPid`, only when it still names that process (a newer server may own it). */
export function removePidFile(env: Env, onlyPid?: number): void {
  if (onlyPid !== undefined && readPidFile(env)?.pid !== onlyPid) return;
  rmSync(pidFilePath(env), { force: true });
}
