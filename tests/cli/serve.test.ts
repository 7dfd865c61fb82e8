import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { loadConfig } from "../../src/config/load.ts";
import { readPidFile } from "../../src/daemon/pidfile.ts";
import { ConfigError } from "../../src/errors.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const homes: string[] = [];

/** A temp CCR_HOME whose config.json holds `text`. */
function homeWithConfig(text: string): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "ccr-cli-serve-"));
  homes.push(home);
  writeFileSync(join(home, "config.json"), text);
  return { HOME: home, CCR_HOME: home };
}

async function configErrorMessage(env: Record<string, string>): Promise<string> {
  try {
    await loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error("loadConfig accepted a broken config");
}

afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe("ccr serve", () => {
  test.each([
    ["is not JSON", '{ "Providers": [ }'],
    ["has a provider without a URL", '{ "Providers": [{ "name": "x", "api_key": "k", "models": ["m"] }] }'],
  ])("prints the ConfigError message and exits 1 without a stack trace when the config %s", async (_, text) => {
    const env = homeWithConfig(text);
    const fake = fakeIo({ env });
    const code = await runCli(["serve", "--port", "0"], fake.io);
    expect(code).toBe(1);
    expect(fake.stdout()).toBe("");
    expect(fake.stderr()).toBe(`${(await configErrorMessage(env)).trimEnd()}\n`);
    expect(fake.stderr()).toContain(env.CCR_HOME ?? "");
    expect(fake.stderr()).not.toMatch(/^\s+at /m);
  });

  test("names the program holding the port in one line, not as an unexpected error, when the port is taken", async () => {
    const other = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("not ccr") });
    try {
      const fake = fakeIo({ env: homeWithConfig("{}") });
      expect(await runCli(["serve", "--port", String(other.port)], fake.io)).toBe(1);
      const lines = fake.stderr().split("\n").filter((line) => line !== "");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toStartWith(`cannot listen on 127.0.0.1:${other.port}: port ${other.port} is held by `);
      expect(lines[0]).toContain("use another port (--port N, or PORT in config.json)");
      expect(fake.stderr()).not.toContain("unexpected error");
    } finally {
      other.stop(true);
    }
  });

  test("prints the banner and config warnings, serves until interrupted, then stops and exits 0", async () => {
    const env = homeWithConfig(
      '{ "Providers": [{ "name": "local", "api_base_url": "http://127.0.0.1:9/v1/chat/completions", "models": ["m"] }], "Surprise": 1 }',
    );
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0"], fake.io);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i++) {
      url = /http:\/\/127\.0\.0\.1:\d+/.exec(fake.stdout())?.[0];
      if (url === undefined) await Bun.sleep(10);
    }
    expect(url).toBeDefined();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(fake.stderr()).toMatch(/^warning: .*Surprise/m);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  test("refuses positional arguments", async () => {
    const fake = fakeIo();
    expect(await runCli(["serve", "now"], fake.io)).toBe(1);
    expect(fake.stderr()).toBe('ccr serve: unexpected argument "now" (see "ccr serve --help")\n');
  });

  test("with --daemon writes the PID file once listening, logs only to CCR_HOME/logs, and removes the PID file on stop", async () => {
    const env = homeWithConfig('{ "LOG_LEVEL": "info" }');
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0", "--daemon"], fake.io);
    for (let i = 0; i < 200 && readPidFile(env) === undefined; i++) await Bun.sleep(10);
    const record = readPidFile(env);
    expect(record?.pid).toBe(process.pid);
    expect((await fetch(`${record?.url}/health`)).status).toBe(200);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    expect(existsSync(join(env.CCR_HOME ?? "", "ccr.pid"))).toBe(false);
    expect(fake.stderr()).not.toContain('"msg"');
    const logs = join(env.CCR_HOME ?? "", "logs");
    const files = readdirSync(logs);
    expect(files).toHaveLength(1);
    const text = readFileSync(join(logs, files[0] ?? ""), "utf8");
    expect(text).toContain('"msg":"listening"');
    expect(text).toContain('"msg":"stopped"');
  });

  test("in the foreground logs to CCR_HOME/logs and echoes the lines to stderr", async () => {
    const env = homeWithConfig('{ "LOG_LEVEL": "info" }');
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0"], fake.io);
    for (let i = 0; i < 200 && !fake.stderr().includes('"listening"'); i++) await Bun.sleep(10);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    expect(fake.stderr()).toContain('"msg":"listening"');
    expect(readdirSync(join(env.CCR_HOME ?? "", "logs"))).toHaveLength(1);
    expect(existsSync(join(env.CCR_HOME ?? "", "ccr.pid"))).toBe(false);
  });

  test("writes no log files when LOG is false", async () => {
    const env = homeWithConfig('{ "LOG": false }');
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0"], fake.io);
    for (let i = 0; i < 200 && !fake.stdout().includes("listening"); i++) await Bun.sleep(10);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    expect(existsSync(join(env.CCR_HOME ?? "", "logs"))).toBe(false);
  });

  test("starts writing log files when a reload turns LOG on", async () => {
    const env = homeWithConfig('{ "LOG": false }');
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0"], fake.io);
    for (let i = 0; i < 200 && !fake.stdout().includes("listening"); i++) await Bun.sleep(10);
    const logs = join(env.CCR_HOME ?? "", "logs");
    writeFileSync(join(env.CCR_HOME ?? "", "config.json"), '{ "LOG": true }');
    for (let i = 0; i < 400 && !existsSync(logs); i++) await Bun.sleep(10);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), "utf8")).join("");
    expect(text).toContain('"msg":"config reloaded"');
  }, 10_000);

  test("keeps only LOG_MAX_FILES log files", async () => {
    const env = homeWithConfig('{ "LOG_MAX_FILES": 2 }');
    const logs = join(env.CCR_HOME ?? "", "logs");
    mkdirSync(logs);
    for (const day of ["2020-01-01", "2020-01-02", "2020-01-03"]) writeFileSync(join(logs, `ccr-${day}.log`), "{}\n");
    const fake = fakeIo({ env });
    const exit = runCli(["serve", "--port", "0"], fake.io);
    for (let i = 0; i < 200 && !fake.stdout().includes("listening"); i++) await Bun.sleep(10);
    fake.interrupt("SIGTERM");
    expect(await exit).toBe(0);
    expect(readdirSync(logs).sort()).toEqual(["ccr-2020-01-03.log", `ccr-${new Date().toISOString().slice(0, 10)}.log`]);
  });
});
