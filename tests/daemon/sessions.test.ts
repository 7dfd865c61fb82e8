import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  clearStartedByCode,
  closeSession,
  liveSessions,
  markStartedByCode,
  openSession,
  sessionSettingsPath,
  sessionsDir,
  startedByCodePid,
} from "../../src/daemon/sessions.ts";

const homes: string[] = [];

function env(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "ccr-sessions-"));
  homes.push(dir);
  return { HOME: dir, CCR_HOME: dir };
}

afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe("sessions", () => {
  test("lists every open session whose process is alive, in pid order", () => {
    const e = env();
    openSession(e, 300);
    openSession(e, 200);
    expect(liveSessions(e, alive([200, 300]))).toEqual([200, 300]);
  });

  test("ignores and removes the files of dead pids, settings included", () => {
    const e = env();
    openSession(e, 200);
    openSession(e, 300);
    writeFileSync(sessionSettingsPath(e, 300), "{}");
    expect(liveSessions(e, alive([200]))).toEqual([200]);
    expect(readdirSync(sessionsDir(e)).sort()).toEqual(["200.json"]);
  });

  test("checks liveness against the real process table by default", () => {
    const e = env();
    openSession(e, process.pid);
    // Far above any pid_max, so no process has it.
    openSession(e, 2 ** 30);
    expect(liveSessions(e)).toEqual([process.pid]);
  });

  test("forgets a closed session and its settings file", () => {
    const e = env();
    openSession(e, 200);
    writeFileSync(sessionSettingsPath(e, 200), "{}");
    closeSession(e, 200);
    expect(liveSessions(e, alive([200]))).toEqual([]);
    expect(existsSync(sessionSettingsPath(e, 200))).toBe(false);
  });

  test("returns no sessions when the directory does not exist yet", () => {
    expect(liveSessions(env())).toEqual([]);
  });

  test("keeps the sessions directory private to the user", () => {
    const e = env();
    openSession(e, 200);
    expect(statSync(sessionsDir(e)).mode & 0o777).toBe(0o700);
  });

  test("skips files that are not named after a pid", () => {
    const e = env();
    openSession(e, 200);
    writeFileSync(join(sessionsDir(e), "notes.txt"), "x");
    expect(liveSessions(e, () => false)).toEqual([]);
    expect(existsSync(join(sessionsDir(e), "notes.txt"))).toBe(true);
  });
});

describe("started-by-code marker", () => {
  test("remembers the pid of the service ccr code started until cleared", () => {
    const e = env();
    expect(startedByCodePid(e)).toBeUndefined();
    markStartedByCode(e, 4242);
    expect(startedByCodePid(e)).toBe(4242);
    clearStartedByCode(e);
    expect(startedByCodePid(e)).toBeUndefined();
  });
});
