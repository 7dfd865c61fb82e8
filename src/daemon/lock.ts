// One start at a time per ccr home: an exclusive lock file holding the starter's PID; a dead holder's lock is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ccrHome, type Env } from "../config/paths.ts";
import { DaemonError } from "../errors.ts";
import { isAlive } from "./process-check.ts";

/** Longer than any start (10 s health bound + stop of an old server), so a live holder is waited for, not overrun. */
const WAIT_MS = 30_000;
/** A lock this old is left over from a crashed starter whose PID was reused. */
const STALE_MS = 60_000;

/** `CCR_HOME/ccr.lock`. */
export function lockPath(env: Env): string {
  return join(ccrHome(env), "ccr.lock");
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "EEXIST") return false;
    throw err;
  }
}

/** The PID in the lock file and its age, or undefined when the file vanished meanwhile. */
function holder(path: string): { pid: number; ageMs: number } | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return { pid, ageMs: Date.now() - statSync(path).mtimeMs };
  } catch {
    // Released between our attempt and this read: try again.
    return undefined;
  }
}

/** A dead holder, a very old lock, or one that stayed unreadable (a holder that just created it has not written its PID yet). */
function isStale(held: { pid: number; ageMs: number }): boolean {
  if (held.ageMs > STALE_MS) return true;
  if (!Number.isInteger(held.pid) || held.pid <= 0) return held.ageMs > 2000;
  return !isAlive(held.pid);
}

const inProcess = new Map<string, Promise<unknown>>();

/** Runs `fn` holding the start lock; `onWait(pid)` is called once if another start holds it (we wait, not race). */
export async function withStartLock<T>(env: Env, onWait: (pid: number) => void, fn: () => Promise<T>): Promise<T> {
  const path = lockPath(env);
  // Callers in this process queue up here: the file lock would take them for a live holder (our own PID) forever.
  const before = inProcess.get(path) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => locked(path, onWait, fn));
  inProcess.set(path, run);
  try {
    return await run;
  } finally {
    if (inProcess.get(path) === run) inProcess.delete(path);
  }
}

async function locked<T>(path: string, onWait: (pid: number) => void, fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(path, ".."), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  let told = false;
  while (!tryCreate(path)) {
    const held = holder(path);
    if (held && isStale(held)) {
      // Re-read right before removing, so a lock another waiter just took over is left alone.
      if (holder(path)?.pid === held.pid) rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new DaemonError(`another ccr start (pid ${held?.pid ?? "?"}) has held ${path} for ${WAIT_MS / 1000} s; if it is stuck, stop it or remove that file`);
    }
    if (held && !told) {
      told = true;
      onWait(held.pid);
    }
    await Bun.sleep(50);
  }
  try {
    return await fn();
  } finally {
    if (holder(path)?.pid === process.pid) rmSync(path, { force: true });
  }
}
