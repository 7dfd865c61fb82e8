// Live `ccr code` sessions (one file per pid in CCR_HOME/sessions/) and the marker saying `ccr code` started the service.
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ccrHome, type Env } from "../config/paths.ts";
import { isAlive } from "./process-check.ts";

/** `<pid>.json` marks a session; other `<pid>.*` files (its Claude settings) belong to it and go with it. */
const PID_FILE = /^(\d+)\.(.+)$/;

/** Where session files live; private to the user because settings files with the client token sit next to them. */
export function sessionsDir(env: Env): string {
  return join(ccrHome(env), "sessions");
}

/** The marker holding the pid of a service that `ccr code` started (next to the PID file). */
export function startedByCodePath(env: Env): string {
  return join(ccrHome(env), "ccr-code.started");
}

/** Creates the sessions directory with mode 0700 (tightened when it already existed). */
export function ensureSessionsDir(env: Env): string {
  const dir = sessionsDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** Records `pid` as a live `ccr code` session; returns the session file. */
export function openSession(env: Env, pid: number): string {
  const file = join(ensureSessionsDir(env), `${pid}.json`);
  writeFileSync(file, `${JSON.stringify({ pid, startedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  return file;
}

/** The Claude Code settings file of the session of `pid`. */
export function sessionSettingsPath(env: Env, pid: number): string {
  return join(sessionsDir(env), `${pid}.settings.json`);
}

/** Forgets the session of `pid` (no error when it is already gone). */
export function closeSession(env: Env, pid: number): void {
  rmSync(join(sessionsDir(env), `${pid}.json`), { force: true });
  rmSync(sessionSettingsPath(env, pid), { force: true });
}

/** The pids of live sessions; files of dead pids are removed on the way. */
export function liveSessions(env: Env, alive: (pid: number) => boolean = isAlive): number[] {
  let names: string[];
  try {
    names = readdirSync(sessionsDir(env));
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return [];
    throw err;
  }
  const pids: number[] = [];
  for (const name of names) {
    const match = PID_FILE.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (!alive(pid)) rmSync(join(sessionsDir(env), name), { force: true });
    else if (match[2] === "json") pids.push(pid);
  }
  return pids.sort((a, b) => a - b);
}

/** Notes that `ccr code` started the service running as `servicePid`, so autoStop may stop it later. */
export function markStartedByCode(env: Env, servicePid: number): void {
  mkdirSync(ccrHome(env), { recursive: true });
  writeFileSync(startedByCodePath(env), `${servicePid}\n`);
}

/** The pid recorded by `markStartedByCode`, or undefined when there is no (readable) marker. */
export function startedByCodePid(env: Env): number | undefined {
  let text: string;
  try {
    text = readFileSync(startedByCodePath(env), "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return undefined;
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Removes the marker (after the service it names stopped). */
export function clearStartedByCode(env: Env): void {
  rmSync(startedByCodePath(env), { force: true });
}
