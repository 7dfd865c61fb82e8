import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pidFilePath, readPidFile, removePidFile, writePidFile } from "../../src/daemon/pidfile.ts";

const homes: string[] = [];
function env(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "ccr-pid-"));
  homes.push(home);
  return { CCR_HOME: home };
}
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe("pid file", () => {
  test("round-trips the record at CCR_HOME/ccr.pid", () => {
    const e = env();
    writePidFile(e, { pid: 1234, url: "http://127.0.0.1:3456", startedAt: 5 });
    expect(pidFilePath(e)).toBe(join(e.CCR_HOME ?? "", "ccr.pid"));
    expect(readPidFile(e)).toEqual({ pid: 1234, url: "http://127.0.0.1:3456", startedAt: 5 });
  });

  test("accepts a bare decimal PID and ignores garbage", () => {
    const e = env();
    writeFileSync(pidFilePath(e), "4321\n");
    expect(readPidFile(e)?.pid).toBe(4321);
    writeFileSync(pidFilePath(e), "{not json");
    expect(readPidFile(e)).toBeUndefined();
    writeFileSync(pidFilePath(e), '{"pid":-1}');
    expect(readPidFile(e)).toBeUndefined();
  });

  test("is undefined when missing", () => {
    expect(readPidFile(env())).toBeUndefined();
  });

  test("is removed only when it still names the given process", () => {
    const e = env();
    writePidFile(e, { pid: 1234, url: "", startedAt: 0 });
    removePidFile(e, 999);
    expect(readPidFile(e)?.pid).toBe(1234);
    removePidFile(e, 1234);
    expect(readPidFile(e)).toBeUndefined();
  });
});
