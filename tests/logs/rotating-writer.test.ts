import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRotatingWriter } from "../../src/logs/rotating-writer.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-logs-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY1 = Date.parse("2026-12-03T10:00:00Z");
const DAY2 = Date.parse("2026-12-04T00:00:01Z");

describe("createRotatingWriter", () => {
  test("appends lines to the file named after the UTC day", () => {
    const dir = tempDir();
    const writer = createRotatingWriter({ dir, now: () => DAY1 });
    writer.write('{"msg":"a"}');
    writer.write('{"msg":"b"}');
    writer.close();
    expect(readdirSync(dir)).toEqual(["ccr-2026-12-03.log"]);
    expect(readFileSync(join(dir, "ccr-2026-12-03.log"), "utf8")).toBe('{"msg":"a"}\n{"msg":"b"}\n');
  });

  test("starts a new file when the day changes", () => {
    const dir = tempDir();
    let now = DAY1;
    const writer = createRotatingWriter({ dir, now: () => now });
    writer.write("one");
    now = DAY2;
    writer.write("two");
    writer.close();
    expect(readdirSync(dir).sort()).toEqual(["ccr-2026-12-03.log", "ccr-2026-12-04.log"]);
    expect(readFileSync(join(dir, "ccr-2026-12-04.log"), "utf8")).toBe("two\n");
  });

  test("starts a numbered file before one would grow past maxBytes", () => {
    const dir = tempDir();
    const writer = createRotatingWriter({ dir, maxBytes: 10, now: () => DAY1 });
    for (const line of ["aaaa", "bbbb", "cccc"]) writer.write(line);
    writer.close();
    expect(readFileSync(join(dir, "ccr-2026-12-03.log"), "utf8")).toBe("aaaa\nbbbb\n");
    expect(readFileSync(join(dir, "ccr-2026-12-03.1.log"), "utf8")).toBe("cccc\n");
    expect(writer.current()).toBe("ccr-2026-12-03.1.log");
  });

  test("keeps only the newest maxFiles files", () => {
    const dir = tempDir();
    for (const day of ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]) writeFileSync(join(dir, `ccr-${day}.log`), "old\n");
    writeFileSync(join(dir, "notes.txt"), "not a log");
    const writer = createRotatingWriter({ dir, maxFiles: 3, now: () => DAY1 });
    writer.write("new");
    writer.close();
    expect(readdirSync(dir).sort()).toEqual(["ccr-2026-11-30.log", "ccr-2026-12-01.log", "ccr-2026-12-03.log", "notes.txt"]);
  });

  test("continues today's newest file after a restart", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "first\n");
    writeFileSync(join(dir, "ccr-2026-12-03.1.log"), "second\n");
    const writer = createRotatingWriter({ dir, now: () => DAY1 });
    writer.write("third");
    writer.close();
    expect(readFileSync(join(dir, "ccr-2026-12-03.1.log"), "utf8")).toBe("second\nthird\n");
  });

  test("reports a write failure once and then drops lines", () => {
    const dir = join(tempDir(), "file-not-dir");
    writeFileSync(dir, "x");
    const errors: string[] = [];
    const writer = createRotatingWriter({ dir, now: () => DAY1, onError: (m) => errors.push(m) });
    writer.write("a");
    writer.write("b");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("cannot write the log");
  });
});
