import { afterEach, describe, expect, test } from "bun:test";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const line = (level: string, msg: string) => JSON.stringify({ time: "2026-12-03T06:00:00.000Z", level, msg });

function home(files: Record<string, string[]> = {}): { env: Record<string, string>; dir: string } {
  const root = mkdtempSync(join(tmpdir(), "ccr-cli-logs-"));
  homes.push(root);
  const dir = join(root, "logs");
  mkdirSync(dir);
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return { env: { CCR_HOME: root }, dir };
}

describe("ccr logs", () => {
  test("prints the last lines across files, oldest first, readable", async () => {
    const { env } = home({ "ccr-2026-12-02.log": [line("info", "one"), line("info", "two")], "ccr-2026-12-03.log": [line("warn", "three")] });
    const fake = fakeIo({ env });
    expect(await runCli(["logs", "-n", "2"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe("2026-12-03 06:00:00.000 INFO  two\n2026-12-03 06:00:00.000 WARN  three\n");
  });

  test("filters by level and prints raw JSON with --json", async () => {
    const { env } = home({ "ccr-2026-12-03.log": [line("debug", "d"), line("error", "e")] });
    const fake = fakeIo({ env });
    expect(await runCli(["logs", "--level", "warn", "--json"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe(`${line("error", "e")}\n`);
  });

  test("says where logs would be when there are none", async () => {
    const { env, dir } = home();
    const fake = fakeIo({ env });
    expect(await runCli(["logs"], fake.io)).toBe(0);
    expect(fake.stderr()).toContain(`no log files in ${dir} yet`);
  });

  test("rejects a bad line count or level", async () => {
    const { env } = home();
    const bad = fakeIo({ env });
    expect(await runCli(["logs", "-n", "x"], bad.io)).toBe(1);
    expect(bad.stderr()).toContain('--lines: expected a whole number from 0 to 999999, got "x"');
    const level = fakeIo({ env });
    expect(await runCli(["logs", "--level", "loud"], level.io)).toBe(1);
  });

  test("follows new lines with -f until interrupted", async () => {
    const { env, dir } = home({ "ccr-2026-12-03.log": [line("info", "before")] });
    const fake = fakeIo({ env });
    const exit = runCli(["logs", "-f", "-n", "0"], fake.io);
    await Bun.sleep(50);
    appendFileSync(join(dir, "ccr-2026-12-03.log"), `${line("info", "after")}\n`);
    for (let i = 0; i < 100 && !fake.stdout().includes("after"); i++) await Bun.sleep(20);
    fake.interrupt();
    expect(await exit).toBe(0);
    expect(fake.stdout()).toBe("2026-12-03 06:00:00.000 INFO  after\n");
  });
});
