import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../src/cli/command.ts";
import { runCode } from "../../src/cli/code.ts";
import type { CodeDaemon } from "../../src/cli/code-daemon.ts";
import { markStartedByCode, openSession, sessionsDir, startedByCodePid } from "../../src/daemon/sessions.ts";
import { fakeIo, type FakeIo } from "../helpers/fake-io.ts";
import { recordedArgv, recordedEnv, stubClaude as makeStub, waitForFile, type StubClaude } from "../helpers/stub-claude.ts";

const dirs: string[] = [];
const children: { kill(): void }[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A CCR_HOME with `config` as config.json. */
function ccrHome(config: Record<string, unknown>): string {
  const home = tempDir("ccr-code-home-");
  writeFileSync(join(home, "config.json"), JSON.stringify(config));
  return home;
}

interface FakeDaemon extends CodeDaemon {
  stops: number;
  starts: number;
}

/** Stands in for src/daemon: the service "runs" as pid 777 at `url`; `startsIt` says ensureRunning started it. */
function fakeDaemon(url = "http://127.0.0.1:45678", startsIt = false): FakeDaemon {
  const daemon: FakeDaemon = {
    stops: 0,
    starts: 0,
    async ensureRunning() {
      if (startsIt) daemon.starts += 1;
      return { url, started: startsIt };
    },
    async stopService() {
      daemon.stops += 1;
    },
    servicePid: () => 777,
    selfCommand: (...args) => ["/opt/my ccr/ccr", ...args],
  };
  return daemon;
}

async function code(
  args: string[],
  env: Record<string, string>,
  daemon: CodeDaemon = fakeDaemon(),
  opts: { isTTY?: boolean; whileRunning?: (fake: FakeIo) => Promise<void> } = {},
) {
  const fake = fakeIo({ env });
  const io: Io = { ...fake.io, cwd: tmpdir(), isTTY: opts.isTTY ?? false };
  const running = runCode(args, io, daemon, 2 ** 30);
  await opts.whileRunning?.(fake);
  const exit = await running;
  return { exit, stdout: fake.stdout(), stderr: fake.stderr() };
}

function stubClaude(): StubClaude {
  const stub = makeStub();
  dirs.push(stub.bin);
  return stub;
}

async function until(file: string): Promise<void> {
  await waitForFile(file);
}

describe("ccr code", () => {
  test("passes every argument to claude untouched, falsy-looking values included", async () => {
    const { bin, out } = stubClaude();
    const home = ccrHome({});
    const args = ["-p", "Write a Hello World", "--dangerously-skip-permissions", "--x", "0", "", "false", "--", "-weird", " spaced "];
    const { exit } = await code(args, { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home });
    expect(exit).toBe(0);
    const argv = recordedArgv(out);
    expect(argv.slice(0, 2)).toEqual(["--settings", join(home, "sessions", `${2 ** 30}.settings.json`)]);
    expect(argv.slice(2)).toEqual(args);
  });

  test("points claude at the running service with the key, timeout and proxy bypass", async () => {
    const { bin, out } = stubClaude();
    const home = ccrHome({ APIKEY: "sk-client", API_TIMEOUT_MS: 120000 });
    const env = { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home, ANTHROPIC_API_KEY: "sk-real", NO_PROXY: "corp", CLAUDE_CODE_USE_BEDROCK: "1" };
    await code([], env, fakeDaemon("http://127.0.0.1:45678"));
    const seen = recordedEnv(out);
    expect(seen.ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:45678");
    expect(seen.ANTHROPIC_AUTH_TOKEN).toBe("sk-client");
    expect(seen.ANTHROPIC_API_KEY).toBe("");
    expect(seen.API_TIMEOUT_MS).toBe("120000");
    expect(seen.NO_PROXY).toBe("corp,127.0.0.1,localhost");
    expect(seen.DISABLE_TELEMETRY).toBe("1");
    expect(seen.DISABLE_COST_WARNINGS).toBe("1");
    expect(seen.CLAUDE_CODE_USE_BEDROCK).toBeUndefined();
  });

  test("uses a placeholder token when the service needs no key", async () => {
    const { bin, out } = stubClaude();
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({}) });
    expect(recordedEnv(out).ANTHROPIC_AUTH_TOKEN).toBe("ccr-local");
  });

  test("wires the status line through a settings file only the user can read, removed afterwards", async () => {
    const { bin, out } = stubClaude();
    const home = ccrHome({ APIKEY: "sk-client" });
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home });
    expect(readFileSync(join(out, "mode"), "utf8").trim()).toBe("600");
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.statusLine).toEqual({ type: "command", command: "'/opt/my ccr/ccr' statusline", padding: 0, refreshInterval: 5 });
    expect(settings.env.ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:45678");
    expect(settings.env.ANTHROPIC_AUTH_TOKEN).toBe("sk-client");
    expect(readdirSync(sessionsDir({ CCR_HOME: home }))).toEqual([]);
  });

  test("leaves the status line out when StatusLine.enabled is false", async () => {
    const { bin, out } = stubClaude();
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({ StatusLine: { enabled: false } }) });
    expect(JSON.parse(readFileSync(join(out, "settings.json"), "utf8")).statusLine).toBeUndefined();
  });

  test("runs the binary CLAUDE_PATH names instead of claude on PATH", async () => {
    const { bin, out } = stubClaude();
    const renamed = join(bin, "my-claude");
    writeFileSync(renamed, readFileSync(join(bin, "claude")));
    chmodSync(renamed, 0o755);
    rmSync(join(bin, "claude"));
    const { exit } = await code(["hi"], { PATH: "/usr/bin:/bin", CCR_HOME: ccrHome({ CLAUDE_PATH: renamed }) });
    expect(exit).toBe(0);
    expect(recordedArgv(out).at(-1)).toBe("hi");
  });

  test("exits with claude's exit code", async () => {
    const { bin } = stubClaude();
    const { exit } = await code(["-p", "x"], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({}), STUB_EXIT: "42" });
    expect(exit).toBe(42);
  });

  test("says how to install Claude Code when claude is missing, without starting the service", async () => {
    const daemon = fakeDaemon("http://127.0.0.1:45678", true);
    const empty = tempDir("ccr-empty-path-");
    const { exit, stderr, stdout } = await code([], { PATH: empty, CCR_HOME: ccrHome({}) }, daemon);
    expect(exit).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain('cannot find Claude Code ("claude" is not on PATH)');
    expect(stderr).toContain("npm install -g @anthropic-ai/claude-code");
    expect(daemon.starts).toBe(0);
  });

  test("names a CLAUDE_PATH that does not exist", async () => {
    const { exit, stderr } = await code([], { PATH: "/usr/bin:/bin", CCR_HOME: ccrHome({ CLAUDE_PATH: "/nowhere/claude" }) });
    expect(exit).toBe(1);
    expect(stderr).toContain('"/nowhere/claude" is not an existing file');
  });
});

describe("ccr code signals", () => {
  test("passes SIGTERM on to claude and exits with its code once it is done", async () => {
    const { bin, out } = stubClaude();
    const env = { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({}), STUB_WAIT: "1" };
    const { exit } = await code([], env, fakeDaemon(), {
      whileRunning: async (fake) => {
        await until(join(out, "ready"));
        fake.interrupt("SIGTERM");
      },
    });
    expect(exit).toBe(6);
    expect(readFileSync(join(out, "signals"), "utf8")).toBe("TERM\n");
  });

  test("passes SIGINT on when there is no terminal to deliver it", async () => {
    const { bin, out } = stubClaude();
    const env = { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({}), STUB_WAIT: "1" };
    const { exit } = await code([], env, fakeDaemon(), {
      whileRunning: async (fake) => {
        await until(join(out, "ready"));
        fake.interrupt("SIGINT");
      },
    });
    expect(exit).toBe(5);
  });

  test("leaves Ctrl-C to the terminal, which delivers it to claude itself, and keeps waiting", async () => {
    const { bin, out } = stubClaude();
    const env = { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({}), STUB_WAIT: "1" };
    let pid = 0;
    const { exit } = await code([], env, fakeDaemon(), {
      isTTY: true,
      whileRunning: async (fake) => {
        await until(join(out, "ready"));
        fake.interrupt("SIGINT");
        await Bun.sleep(300);
        expect(existsSync(join(out, "signals"))).toBe(false);
        pid = Number(readFileSync(join(out, "pid"), "utf8"));
        process.kill(pid, "SIGINT");
      },
    });
    expect(exit).toBe(5);
    expect(readFileSync(join(out, "signals"), "utf8")).toBe("INT\n");
  }, 10_000);
});

describe("ccr code with autoStop", () => {
  test("stops a service it started once the last session ends", async () => {
    const { bin } = stubClaude();
    const home = ccrHome({ autoStop: true });
    const daemon = fakeDaemon("http://127.0.0.1:45678", true);
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home }, daemon);
    expect(daemon.stops).toBe(1);
    expect(startedByCodePid({ CCR_HOME: home })).toBeUndefined();
  });

  test("leaves the service running while another session is live", async () => {
    const { bin } = stubClaude();
    const home = ccrHome({ autoStop: true });
    const other = Bun.spawn(["sleep", "30"]);
    children.push(other);
    openSession({ CCR_HOME: home }, other.pid);
    const daemon = fakeDaemon("http://127.0.0.1:45678", true);
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home }, daemon);
    expect(daemon.stops).toBe(0);
    expect(startedByCodePid({ CCR_HOME: home })).toBe(777);
  });

  test("never stops a service the user started", async () => {
    const { bin } = stubClaude();
    const daemon = fakeDaemon("http://127.0.0.1:45678", false);
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: ccrHome({ autoStop: true }) }, daemon);
    expect(daemon.stops).toBe(0);
  });

  test("never stops a service restarted since ccr code started the old one", async () => {
    const { bin } = stubClaude();
    const home = ccrHome({ autoStop: true });
    markStartedByCode({ CCR_HOME: home }, 555);
    const daemon = fakeDaemon("http://127.0.0.1:45678", false);
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home }, daemon);
    expect(daemon.stops).toBe(0);
  });

  test("keeps a service it started when autoStop is off", async () => {
    const { bin } = stubClaude();
    const home = ccrHome({});
    const daemon = fakeDaemon("http://127.0.0.1:45678", true);
    await code([], { PATH: `${bin}:/usr/bin:/bin`, CCR_HOME: home }, daemon);
    expect(daemon.stops).toBe(0);
    expect(existsSync(join(home, "ccr-code.started"))).toBe(true);
  });
});
