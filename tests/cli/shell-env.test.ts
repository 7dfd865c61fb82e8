import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  claudeEnv,
  detectShell,
  mergeNoProxy,
  parseShell,
  PLACEHOLDER_TOKEN,
  renderEnv,
  type Shell,
} from "../../src/cli/shell-env.ts";

const dir = mkdtempSync(join(tmpdir(), "ccr-shell-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Settings = { host: string; port: number; apiKey: string | undefined; timeoutMs: number };

const base: Settings = { host: "127.0.0.1", port: 3456, apiKey: undefined, timeoutMs: 600_000 };

/** The variables as a plain object, for reading one by name. */
function envOf(config: Partial<Settings>, env: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(claudeEnv({ ...base, ...config }, env));
}

/** Values a real shell can get wrong: quotes, spaces, backslashes, expansions, newlines, non-ASCII, empty. */
const tricky: [string, string][] = [
  ["QUOTE", "it's a key"],
  ["DOUBLE", 'say "hi" \\ \\\' \\\\'],
  ["EXPAND", "$HOME `id` $(id) !! %PATH% ${x} *"],
  ["LINES", "one\ntwo\r\nthree\t"],
  ["UNICODE", "ключ ‘smart’ 🔑"],
  ["EMPTY", ""],
];

/** Runs `script` in `shell` after loading the rendered file, returning stdout split on NUL. */
function roundTrip(shell: Shell, command: string[], names: string[]): string[] {
  const file = join(dir, `env-${shell}.txt`);
  writeFileSync(file, renderEnv(tricky, shell));
  const result = Bun.spawnSync([...command, file, ...names], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
  expect(result.stderr.toString()).toBe("");
  expect(result.exitCode).toBe(0);
  return result.stdout.toString().split("\0").slice(0, -1);
}

const posixScript = 'eval "$(cat "$1")"; shift; for n in "$@"; do eval "printf \'%s\\0\' \\"\\$$n\\""; done';
const names = tricky.map(([name]) => name);
const values = tricky.map(([, value]) => value);
const has = (bin: string): boolean => Bun.which(bin) !== null;

describe("renderEnv", () => {
  test("writes bash and zsh as export lines with single quotes closed and reopened around a quote", () => {
    const text = renderEnv([["A", "it's a key"], ["B", ""]], "bash");
    expect(text).toBe("export A='it'\\''s a key'\nexport B=''\n");
    expect(renderEnv([["A", "it's a key"]], "zsh")).toBe("export A='it'\\''s a key'\n");
  });

  test("writes fish as set -gx lines escaping backslashes and quotes", () => {
    expect(renderEnv([["A", "it's a\\b key"]], "fish")).toBe("set -gx A 'it\\'s a\\\\b key';\n");
  });

  test("writes PowerShell as $env: assignments doubling straight and typographic single quotes", () => {
    expect(renderEnv([["A", "it's a ‘key’"]], "powershell")).toBe("$env:A = 'it''s a ‘‘key’’'\n");
  });

  test("refuses a variable name a shell would read as code", () => {
    expect(() => renderEnv([["A;rm", "x"]], "bash")).toThrow("not a valid environment variable name");
  });

  test("round-trips every value through a real bash", () => {
    expect(roundTrip("bash", ["bash", "-c", posixScript, "bash"], names)).toEqual(values);
  });

  test("exports the variables to programs bash starts", () => {
    const file = join(dir, "child.txt");
    writeFileSync(file, renderEnv([["ANTHROPIC_AUTH_TOKEN", "it's a key"]], "bash"));
    const script = 'eval "$(cat "$1")"; printf %s "$ANTHROPIC_AUTH_TOKEN"; env | grep -c "^ANTHROPIC_AUTH_TOKEN=" >&2';
    const result = Bun.spawnSync(["bash", "-c", script, "bash", file], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    expect(result.stdout.toString()).toBe("it's a key");
    expect(result.stderr.toString()).toBe("1\n");
  });

  test.skipIf(!has("zsh"))("round-trips every value through a real zsh", () => {
    expect(roundTrip("zsh", ["zsh", "-c", posixScript, "zsh"], names)).toEqual(values);
  });

  test.skipIf(!has("fish"))("round-trips every value through a real fish", () => {
    const script = 'source $argv[1]; for n in $argv[2..-1]; printf "%s\\0" "$$n"; end';
    expect(roundTrip("fish", ["fish", "-c", script], names)).toEqual(values);
  });

  test.skipIf(!has("pwsh"))("round-trips every value through a real PowerShell", () => {
    const script =
      "param($file) Invoke-Expression (Get-Content -Raw $file); foreach ($n in $args) { [Console]::Out.Write([string][Environment]::GetEnvironmentVariable($n) + [char]0) }";
    const command = ["pwsh", "-NoProfile", "-NonInteractive", "-Command", `& { ${script} }`];
    expect(roundTrip("powershell", command, names)).toEqual(values);
  });
});

describe("claudeEnv", () => {
  test("points Claude Code at the configured port on loopback with the placeholder token when there is no APIKEY", () => {
    expect(claudeEnv({ ...base, port: 4000, timeoutMs: 90_000 }, {})).toEqual([
      ["ANTHROPIC_BASE_URL", "http://127.0.0.1:4000"],
      ["ANTHROPIC_AUTH_TOKEN", PLACEHOLDER_TOKEN],
      ["ANTHROPIC_API_KEY", ""],
      ["API_TIMEOUT_MS", "90000"],
      ["NO_PROXY", "127.0.0.1,localhost"],
      ["DISABLE_TELEMETRY", "1"],
      ["DISABLE_COST_WARNINGS", "1"],
    ]);
  });

  test("uses APIKEY as the auth token and nowhere else", () => {
    const vars = claudeEnv({ ...base, apiKey: "sk-secret'1" }, { NO_PROXY: "corp.example" });
    expect(vars.filter(([, value]) => value.includes("sk-secret"))).toEqual([["ANTHROPIC_AUTH_TOKEN", "sk-secret'1"]]);
  });

  test("keeps loopback for a wildcard HOST, or for any HOST without APIKEY since the server then binds loopback", () => {
    expect(envOf({ host: "0.0.0.0", apiKey: "k" }).ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:3456");
    expect(envOf({ host: "::", apiKey: "k" }).ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:3456");
    expect(envOf({ host: "192.168.1.5" }).ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:3456");
  });

  test("uses a concrete HOST when APIKEY is set, bracketing IPv6 and bypassing the proxy for it", () => {
    const lan = envOf({ host: "192.168.1.5", apiKey: "k" });
    expect(lan.ANTHROPIC_BASE_URL).toBe("http://192.168.1.5:3456");
    expect(lan.NO_PROXY).toBe("127.0.0.1,localhost,192.168.1.5");
    const v6 = envOf({ host: "fd00::5", apiKey: "k" });
    expect(v6.ANTHROPIC_BASE_URL).toBe("http://[fd00::5]:3456");
    expect(v6.NO_PROXY).toBe("127.0.0.1,localhost,fd00::5");
  });

  test("extends the NO_PROXY already set, falling back to no_proxy", () => {
    expect(envOf({}, { NO_PROXY: "corp.example, localhost" }).NO_PROXY).toBe("corp.example,localhost,127.0.0.1");
    expect(envOf({}, { no_proxy: ".internal" }).NO_PROXY).toBe(".internal,127.0.0.1,localhost");
  });
});

describe("mergeNoProxy", () => {
  test("keeps the order, drops empty entries and duplicates regardless of case", () => {
    expect(mergeNoProxy(" a.example,,LOCALHOST, 127.0.0.1 ,a.example", ["127.0.0.1", "localhost"])).toBe(
      "a.example,LOCALHOST,127.0.0.1",
    );
    expect(mergeNoProxy(undefined, ["127.0.0.1", "localhost"])).toBe("127.0.0.1,localhost");
  });
});

describe("detectShell", () => {
  test("follows the basename of SHELL for bash, zsh and fish", () => {
    expect(detectShell({ SHELL: "/usr/bin/fish" })).toBe("fish");
    expect(detectShell({ SHELL: "/bin/zsh" })).toBe("zsh");
    expect(detectShell({ SHELL: "/opt/homebrew/bin/bash" })).toBe("bash");
    expect(detectShell({ SHELL: "C:\\Program Files\\Git\\usr\\bin\\bash.exe", OS: "Windows_NT" })).toBe("bash");
  });

  test("falls back to POSIX syntax for other shells and no SHELL at all", () => {
    expect(detectShell({ SHELL: "/bin/dash" })).toBe("bash");
    expect(detectShell({})).toBe("bash");
  });

  test("picks PowerShell on Windows, or when PSModulePath is set without SHELL", () => {
    expect(detectShell({ OS: "Windows_NT" })).toBe("powershell");
    expect(detectShell({ PSModulePath: "C:\\modules" })).toBe("powershell");
    expect(detectShell({ SHELL: "/bin/zsh", PSModulePath: "/opt/microsoft/powershell/7/Modules" })).toBe("zsh");
  });
});

describe("parseShell", () => {
  test("accepts the four shells in any case and nothing else", () => {
    expect(parseShell("PowerShell")).toBe("powershell");
    expect(parseShell("fish")).toBe("fish");
    expect(parseShell("cmd")).toBeUndefined();
  });
});
