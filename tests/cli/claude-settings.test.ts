import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claudeSettings, shellQuote, writeClaudeSettings } from "../../src/cli/claude-settings.ts";

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("shellQuote", () => {
  test("leaves plain words bare and single-quotes the rest", () => {
    expect(shellQuote(["/usr/local/bin/ccr", "statusline"])).toBe("/usr/local/bin/ccr statusline");
    expect(shellQuote(["/home/me/my tools/ccr", "it's"])).toBe("'/home/me/my tools/ccr' 'it'\\''s'");
    expect(shellQuote(["C:\\ccr\\ccr.exe", "$HOME"])).toBe("'C:\\ccr\\ccr.exe' '$HOME'");
  });

  test("round-trips through sh", async () => {
    const args = ["a b", "it's", "$(echo no)", "", "*"];
    const proc = Bun.spawn(["sh", "-c", `printf '%s\\n' ${shellQuote(args)}`], { stdout: "pipe" });
    expect(await new Response(proc.stdout).text()).toBe(`${args.join("\n")}\n`);
  });
});

describe("claudeSettings", () => {
  test("carries the environment and, when given, the status-line command", () => {
    expect(claudeSettings([["A", "1"]], "ccr statusline")).toEqual({
      env: { A: "1" },
      statusLine: { type: "command", command: "ccr statusline", padding: 0, refreshInterval: 5 },
    });
    expect(claudeSettings([["A", "1"]], undefined)).toEqual({ env: { A: "1" } });
  });
});

describe("writeClaudeSettings", () => {
  test("replaces a leftover file with one only the user can read", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccr-settings-"));
    dirs.push(dir);
    const file = join(dir, "1.settings.json");
    writeFileSync(file, "old");
    chmodSync(file, 0o644);
    writeClaudeSettings(file, { env: { ANTHROPIC_AUTH_TOKEN: "sk" } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: "sk" } });
  });
});
