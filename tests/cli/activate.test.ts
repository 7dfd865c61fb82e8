import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const homes: string[] = [];

/** A temp CCR_HOME, with config.json holding `config` unless it is undefined. */
function home(config: Record<string, unknown> | undefined, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-activate-"));
  homes.push(dir);
  if (config !== undefined) writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  return { HOME: dir, CCR_HOME: dir, ...extra };
}

async function activate(args: string[], env: Record<string, string>) {
  const fake = fakeIo({ env });
  const code = await runCli(["activate", ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const keyed = { PORT: 4567, APIKEY: "sk-it's secret", API_TIMEOUT_MS: 120000 };

describe("ccr activate", () => {
  test("prints bash exports for the configured port, key and timeout, keeping the existing NO_PROXY", async () => {
    const { code, stdout, stderr } = await activate([], home(keyed, { SHELL: "/bin/bash", NO_PROXY: "corp.example" }));
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        "export ANTHROPIC_BASE_URL='http://127.0.0.1:4567'",
        "export ANTHROPIC_AUTH_TOKEN='sk-it'\\''s secret'",
        "export ANTHROPIC_API_KEY=''",
        "export API_TIMEOUT_MS='120000'",
        "export NO_PROXY='corp.example,127.0.0.1,localhost'",
        "export DISABLE_TELEMETRY='1'",
        "export DISABLE_COST_WARNINGS='1'",
        "",
      ].join("\n"),
    );
  });

  test("prints the APIKEY once, as the auth token, and never on stderr", async () => {
    const { stdout, stderr } = await activate(["--shell", "fish"], home({ ...keyed, Surprise: 1 }));
    expect(stdout.split("sk-it").length - 1).toBe(1);
    expect(stdout).toContain("set -gx ANTHROPIC_AUTH_TOKEN 'sk-it\\'s secret';\n");
    expect(stderr).toMatch(/^warning: .*Surprise/m);
    expect(stderr).not.toContain("sk-it");
  });

  test("uses the placeholder token and default port when there is no config file, warning on stderr only", async () => {
    const { code, stdout, stderr } = await activate(["--shell=zsh"], home(undefined));
    expect(code).toBe(0);
    expect(stdout).toContain("export ANTHROPIC_BASE_URL='http://127.0.0.1:3456'\n");
    expect(stdout).toContain("export ANTHROPIC_AUTH_TOKEN='ccr-local'\n");
    expect(stdout).not.toContain("warning");
    expect(stderr).toMatch(/^warning: No config file at /);
  });

  test("writes for the shell SHELL names, and for PowerShell on Windows", async () => {
    const fish = await activate([], home(keyed, { SHELL: "/usr/local/bin/fish" }));
    expect(fish.stdout).toStartWith("set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:4567';\n");
    const windows = await activate([], home(keyed, { OS: "Windows_NT" }));
    expect(windows.stdout).toStartWith("$env:ANTHROPIC_BASE_URL = 'http://127.0.0.1:4567'\n");
    expect(windows.stdout).toContain("$env:ANTHROPIC_AUTH_TOKEN = 'sk-it''s secret'\n");
  });

  test("lets --shell override SHELL", async () => {
    const { stdout } = await activate(["--shell", "bash"], home(keyed, { SHELL: "/usr/bin/fish" }));
    expect(stdout).toStartWith("export ANTHROPIC_BASE_URL=");
  });

  test("rejects an unknown --shell with the four it knows, before reading the config", async () => {
    const { code, stdout, stderr } = await activate(["--shell", "cmd"], home({ Providers: "broken" }));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe('ccr activate: --shell: expected one of bash, zsh, fish, powershell, got "cmd"\n');
  });

  test("refuses positional arguments", async () => {
    const { code, stderr } = await activate(["now"], home(keyed));
    expect(code).toBe(1);
    expect(stderr).toBe('ccr activate: unexpected argument "now" (see "ccr activate --help")\n');
  });

  test("produces code that a real bash evaluates to the intended values", async () => {
    const { stdout } = await activate([], home(keyed, { SHELL: "/bin/bash" }));
    const file = join(homes[0] ?? tmpdir(), "activate.sh");
    writeFileSync(file, stdout);
    const script = 'eval "$(cat "$1")"; printf "%s|%s|%s|%s" "$ANTHROPIC_AUTH_TOKEN" "$ANTHROPIC_BASE_URL" "${ANTHROPIC_API_KEY-unset}" "$NO_PROXY"';
    const result = Bun.spawnSync(["bash", "-c", script, "bash", file], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ANTHROPIC_API_KEY: "real-key" },
    });
    expect(result.stderr.toString()).toBe("");
    expect(result.stdout.toString()).toBe("sk-it's secret|http://127.0.0.1:4567||127.0.0.1,localhost");
  });
});
