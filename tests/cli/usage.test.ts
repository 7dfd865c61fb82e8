import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { openUsageStore } from "../../src/usage/store.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { row } from "../usage/rows.ts";

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;

/** A temp CCR_HOME; with `rows`, a request log holding them. */
function home(rows?: Parameters<typeof row>[0][]): { HOME: string; CCR_HOME: string } {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-usage-"));
  homes.push(dir);
  if (rows) {
    const store = openUsageStore(join(dir, "requests.db"));
    store.insert(rows.map((r) => row(r)));
    store.close();
  }
  return { HOME: dir, CCR_HOME: dir };
}

async function usage(argv: string[], env: Record<string, string>) {
  const fake = fakeIo({ env });
  const code = await runCli(["usage", ...argv], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

const now = Date.now();
const ROWS = [
  { time: now - 1000, provider: "ds", model: "deepseek-chat", input_tokens: 1200, output_tokens: 300, cost: 0.0125 },
  { time: now - 2000, provider: "ds", model: "deepseek-chat", input_tokens: 800, output_tokens: 100, cost: 0.0075, tokens_estimated: 1 },
  { time: now - 3000, provider: "or", model: "mystery", input_tokens: 50, output_tokens: 5, cost: null },
  { time: now - 5 * DAY, provider: "old", model: "gone", cost: 1 },
];

describe("ccr usage", () => {
  test("prints a table per model with totals, ? for unknown prices and a total saying + unknown", async () => {
    const out = await usage(["--days", "2"], home(ROWS));
    expect(out.code).toBe(0);
    const lines = out.stdout.split("\n");
    expect(lines[0]).toMatch(/^Usage for the last 2 days \(since \d{4}-\d{2}-\d{2}\), by model$/);
    expect(lines.find((l) => l.startsWith("ds,deepseek-chat"))).toMatch(/^ds,deepseek-chat\s+2\s+0\s+2,000\s+400\s+0\s+0\s+\$0\.0200$/);
    expect(lines.find((l) => l.startsWith("or,mystery"))).toMatch(/\s\?$/);
    expect(lines.find((l) => l.startsWith("TOTAL"))).toMatch(/^TOTAL\s+3\s+0\s+2,050\s+405\s+0\s+0\s+\$0\.0200 \+ unknown$/);
    expect(out.stdout).not.toContain("old,gone");
    expect(out.stdout).toContain("1 request(s) have token counts estimated");
  });

  test("groups by provider and covers older days with --days", async () => {
    const out = await usage(["--days", "30", "--by", "provider"], home(ROWS));
    expect(out.stdout).toContain("by provider");
    expect(out.stdout).toMatch(/^old\s+1\s/m);
    expect(out.stdout).toMatch(/^ds\s+2\s/m);
  });

  test("counts whole local days with --days, so --by day starts with a full day", async () => {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    midnight.setDate(midnight.getDate() - 1);
    const start = midnight.getTime();
    const out = await usage(["--days", "2", "--by", "day"], home([{ time: start + 60_000 }, { time: start - 60_000 }, { time: now }]));
    const day = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    expect(out.stdout).toContain(`(since ${day(start)})`);
    expect(out.stdout).toMatch(new RegExp(`^${day(start)}\\s+1\\s`, "m"));
    expect(out.stdout).toMatch(/^TOTAL\s+2\s/m);
  });

  test("shows only today's requests with --today", async () => {
    const out = await usage(["--today", "--by", "day"], home([{ time: now }, { time: now - 3 * DAY }]));
    expect(out.stdout).toContain("Usage for today, by day");
    expect(out.stdout).toMatch(/^TOTAL\s+1\s/m);
  });

  test("says so when nothing was recorded yet", async () => {
    const env = home();
    const out = await usage([], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("No requests recorded yet");
  });

  test("says nothing was recorded for a database without the table, and names an unreadable file in one line", async () => {
    const env = home();
    writeFileSync(join(env.CCR_HOME, "requests.db"), "");
    const empty = await usage([], env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain("No requests recorded yet");
    writeFileSync(join(env.CCR_HOME, "requests.db"), "not a database at all, just text that is long enough to be read");
    const broken = await usage([], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
    expect(broken.stderr).toContain("cannot read the request log");
  });

  test("rejects an unknown grouping and conflicting windows with one line and exit 1", async () => {
    const env = home(ROWS);
    const bad = await usage(["--by", "colour"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--by: expected one of model, provider, session, project, day, got "colour"');
    expect((await usage(["--today", "--days", "3"], env)).code).toBe(1);
    expect((await usage(["--days", "zero"], env)).code).toBe(1);
  });
});
