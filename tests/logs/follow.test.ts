import { afterEach, describe, expect, test } from "bun:test";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { followLogs, type StopFollowing } from "../../src/logs/follow.ts";

const dirs: string[] = [];
let stop: StopFollowing | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await Bun.sleep(10);
}

describe("followLogs", () => {
  test("reports lines appended after it started, a partial line once it is complete, then the next file's lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-follow-"));
    dirs.push(dir);
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "old\n");
    const seen: string[] = [];
    stop = followLogs({ dir, onLine: (line, file) => seen.push(`${file}: ${line}`), pollMs: 10 });
    appendFileSync(join(dir, "ccr-2026-12-03.log"), "new\npart");
    await until(() => seen.length >= 1);
    appendFileSync(join(dir, "ccr-2026-12-03.log"), "ial\n");
    await until(() => seen.length >= 2);
    writeFileSync(join(dir, "ccr-2026-12-03.1.log"), "rotated\n");
    await until(() => seen.length >= 3);
    expect(seen).toEqual(["ccr-2026-12-03.log: new", "ccr-2026-12-03.log: partial", "ccr-2026-12-03.1.log: rotated"]);
  });

  test("goes on exactly where a reader stopped when given a start, so lines written in between are not lost", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-follow-"));
    dirs.push(dir);
    // The reader printed "a" (bytes 0-1); "b" arrived before the follower started.
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "a\nb\n");
    const seen: string[] = [];
    stop = followLogs({ dir, onLine: (line) => seen.push(line), fromEnd: true, start: { file: "ccr-2026-12-03.log", offset: 2 }, pollMs: 10 });
    appendFileSync(join(dir, "ccr-2026-12-03.log"), "c\n");
    await until(() => seen.length >= 2);
    expect(seen).toEqual(["b", "c"]);
  });

  test("picks up the first file when the directory was empty", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-follow-"));
    dirs.push(dir);
    const seen: string[] = [];
    stop = followLogs({ dir, onLine: (line) => seen.push(line), pollMs: 10 });
    writeFileSync(join(dir, "ccr-2026-12-03.log"), "first\n");
    await until(() => seen.length >= 1);
    expect(seen).toEqual(["first"]);
  });
});
