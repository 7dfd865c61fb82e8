import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareNewestFirst, listLogFiles, logFilePath, newestLogFile, readLastLines } from "../../src/logs/log-files.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-logfiles-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("log files", () => {
  test("orders names by day, then by rotation index, newest first", () => {
    const names = ["ccr-2026-12-02.log", "ccr-2026-12-03.log", "ccr-2026-12-03.10.log", "ccr-2026-12-03.2.log"];
    expect([...names].sort(compareNewestFirst)).toEqual(["ccr-2026-12-03.10.log", "ccr-2026-12-03.2.log", "ccr-2026-12-03.log", "ccr-2026-12-02.log"]);
  });

  test("lists only log files, with size and modification time", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "12345\n");
    writeFileSync(join(dir, "daemon.out"), "banner\n");
    const files = listLogFiles(dir);
    expect(files.map((f) => [f.name, f.size])).toEqual([["ccr-2026-12-03.log", 6]]);
    expect(Date.parse(files[0]?.modified ?? "")).toBeGreaterThan(0);
    expect(newestLogFile(dir)?.name).toBe("ccr-2026-12-03.log");
  });

  test("is empty when the directory does not exist", () => {
    expect(listLogFiles(join(tempDir(), "missing"))).toEqual([]);
  });

  test("resolves only listed names, never paths", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "x\n");
    expect(logFilePath(dir, "ccr-2026-12-03.log")).toBe(join(dir, "ccr-2026-12-03.log"));
    for (const name of ["../config.json", "ccr-2026-12-04.log", "daemon.out", "/etc/passwd", "..%2Fconfig.json"]) {
      expect(logFilePath(dir, name)).toBeUndefined();
    }
  });

  test("reads the last lines of a file larger than one read chunk", () => {
    const dir = tempDir();
    const path = join(dir, "ccr-2026-12-03.log");
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${"x".repeat(20)}`);
    writeFileSync(path, `${lines.join("\n")}\n`);
    expect(readLastLines(path, 3)).toEqual(lines.slice(-3));
    expect(readLastLines(path, 5000)).toEqual(lines.slice(-5000));
    expect(readLastLines(path, 0)).toEqual([]);
  });

  test("keeps a multi-byte character whole when a read chunk boundary falls inside it", () => {
    const dir = tempDir();
    const path = join(dir, "ccr-2026-12-03.log");
    // 80,003 bytes: the last 64 KiB chunk starts at byte 14,467, inside one of the two-byte "é".
    const long = "é".repeat(40_000);
    writeFileSync(path, `${long}\nx\n`);
    expect(readLastLines(path, 2)).toEqual([long, "x"]);
  });

  test("reads only up to the given end, where a follower takes over", () => {
    const dir = tempDir();
    const path = join(dir, "ccr-2026-12-03.log");
    writeFileSync(path, "a\nb\nc\n");
    expect(readLastLines(path, 10, 4)).toEqual(["a", "b"]);
    expect(readLastLines(path, 1, 4)).toEqual(["b"]);
  });

  test("returns every line of a short file", () => {
    const dir = tempDir();
    const path = join(dir, "ccr-2026-12-03.log");
    writeFileSync(path, "a\nb\n");
    expect(readLastLines(path, 10)).toEqual(["a", "b"]);
  });
});
