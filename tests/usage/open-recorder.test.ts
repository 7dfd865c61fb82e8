import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../src/log.ts";
import { newFacts } from "../../src/usage/facts.ts";
import { openRecorder } from "../../src/usage/open-recorder.ts";
import type { Recorder } from "../../src/usage/recorder.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

const dirs: string[] = [];
const recorders: Recorder[] = [];

afterEach(async () => {
  for (const r of recorders.splice(0)) await r.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function recordOne(path: string): Promise<void> {
  const recorder = openRecorder({ path, claudeHome: undefined, config: () => compiledConfig(), logger: silentLogger });
  recorders.push(recorder);
  recorder.record({ ...newFacts(false, false), scenario: "default", provider: "p", model: "m", attempts: 1 }, { status: 200, errorType: null, durationMs: 5 });
  await recorder.flush();
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("openRecorder", () => {
  test("creates the request log readable by its owner only, -wal file included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-open-recorder-"));
    dirs.push(dir);
    chmodSync(dir, 0o755);
    const path = join(dir, "requests.db");
    await recordOne(path);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
  });

  test("makes an existing world-readable request log owner-only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-open-recorder-"));
    dirs.push(dir);
    const path = join(dir, "requests.db");
    writeFileSync(path, "");
    chmodSync(path, 0o644);
    await recordOne(path);
    expect(modeOf(path)).toBe(0o600);
  });
});
