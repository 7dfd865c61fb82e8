// `ccr code` as a user runs it: a real process that starts the real service, with a stub claude and the real Claude Code.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPidFile } from "../../src/daemon/pidfile.ts";
import { stopService } from "../../src/daemon/stop.ts";
import { CLAUDE, CLAUDE_LIMIT_MS, CLAUDE_TOKEN, tempDir } from "../helpers/claude-cli.ts";
import { freePort, REPO_ROOT, writeCcrHome } from "../helpers/ccr-server.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { asRecord, chatCompletion, textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";
import { recordedEnv, stubClaude, waitForFile } from "../helpers/stub-claude.ts";

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A CCR_HOME with `config` on a free port; its service (if any is left) is stopped and the directory removed after. */
async function home(config: Record<string, unknown>): Promise<{ dir: string; url: string; env: Record<string, string> }> {
  const port = freePort();
  const dir = await writeCcrHome({ PORT: port, ...config });
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, CCR_HOME: dir };
  cleanup.push(async () => {
    await stopService(fakeIo({ env }).io, 3000);
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, url: `http://127.0.0.1:${port}`, env };
}

interface Session {
  exited: Promise<number>;
  /** Signals `ccr code` (which passes SIGTERM on to claude). */
  kill(signal: NodeJS.Signals): void;
  stdout: Promise<string>;
  stderr: Promise<string>;
}

/** Runs `bun src/main.ts code <args>`; the child is killed at cleanup if still running. */
function code(args: string[], env: Record<string, string>, cwd = REPO_ROOT): Session {
  const proc = Bun.spawn([process.execPath, join(REPO_ROOT, "src/main.ts"), "code", ...args], {
    cwd,
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  cleanup.push(async () => {
    if (proc.exitCode !== null) return;
    // SIGTERM first: ccr passes it to claude, so no stub is left running without its parent.
    proc.kill("SIGTERM");
    if ((await Promise.race([proc.exited.then(() => true), Bun.sleep(3000).then(() => false)])) === false) proc.kill("SIGKILL");
  });
  return { exited: proc.exited, kill: (signal) => proc.kill(signal), stdout: new Response(proc.stdout).text(), stderr: new Response(proc.stderr).text() };
}

async function healthy(url: string): Promise<boolean> {
  return fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.ok,
    () => false,
  );
}

function stub() {
  const made = stubClaude();
  cleanup.push(async () => rmSync(made.bin, { recursive: true, force: true }));
  return made;
}

describe("ccr code sessions", () => {
  test(
    "share one service it started and stop it with autoStop only after the last session ends",
    async () => {
      const claude = stub();
      const { url, env } = await home({ autoStop: true, CLAUDE_PATH: join(claude.bin, "claude") });
      const first = code([], { ...env, STUB_WAIT: "1", STUB_OUT: join(claude.bin, "a") });
      expect(await waitForFile(join(claude.bin, "a", "ready"), 15_000)).toBe(true);
      expect(recordedEnv(join(claude.bin, "a")).ANTHROPIC_BASE_URL).toBe(url);
      const second = code([], { ...env, STUB_WAIT: "1", STUB_OUT: join(claude.bin, "b") });
      expect(await waitForFile(join(claude.bin, "b", "ready"), 15_000)).toBe(true);
      const servicePid = readPidFile(env)?.pid;
      expect(servicePid).toBeDefined();

      process.kill(Number(await Bun.file(join(claude.bin, "a", "pid")).text()), "SIGTERM");
      expect(await first.exited).toBe(6);
      expect(await healthy(url)).toBe(true);
      expect(readPidFile(env)?.pid).toBe(servicePid);

      process.kill(Number(await Bun.file(join(claude.bin, "b", "pid")).text()), "SIGTERM");
      expect(await second.exited).toBe(6);
      expect(await healthy(url)).toBe(false);
      expect(readPidFile(env)).toBeUndefined();
    },
    40_000,
  );

  test(
    "never stop a service the user started, even with autoStop",
    async () => {
      const claude = stub();
      const { dir, url, env } = await home({ autoStop: true, CLAUDE_PATH: join(claude.bin, "claude") });
      const user = Bun.spawn([process.execPath, join(REPO_ROOT, "src/main.ts"), "serve"], { cwd: dir, env, stdio: ["ignore", "ignore", "ignore"] });
      cleanup.push(async () => {
        user.kill("SIGTERM");
        await user.exited;
      });
      for (let i = 0; i < 100 && !(await healthy(url)); i++) await Bun.sleep(100);
      expect(await healthy(url)).toBe(true);
      const session = code(["-p", "hi"], { ...env, STUB_EXIT: "3" });
      expect(await session.exited).toBe(3);
      expect(await healthy(url)).toBe(true);
      expect(user.exitCode).toBeNull();
    },
    30_000,
  );
});

describe("ccr code with the real Claude Code", () => {
  test.skipIf(!existsSync(CLAUDE))(
    "answers a print-mode prompt through the service it started, over a stale ~/.claude setting, then stops it (autoStop)",
    async () => {
      const answer = "Hello through ccr code.";
      const upstream = startOpenAiUpstream((req) =>
        asRecord(req.body)?.stream === true ? { sse: textStream(answer), delayMs: 5 } : { json: chatCompletion({ content: answer }) },
      );
      cleanup.push(() => upstream.stop());
      const { url, env } = await home({
        APIKEY: CLAUDE_TOKEN,
        autoStop: true,
        CLAUDE_PATH: CLAUDE,
        Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-mock-upstream", models: ["gpt-test"] }],
        Router: { default: "mock,gpt-test" },
      });
      const project = await tempDir("ccr-e2e-code-project-", cleanup);
      const claudeHome = await tempDir("ccr-e2e-code-home-", cleanup);
      // A stale user setting that would send Claude Code elsewhere: ccr's --settings file must win over it.
      mkdirSync(join(claudeHome, ".claude"));
      writeFileSync(
        join(claudeHome, ".claude", "settings.json"),
        JSON.stringify({ env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:9", ANTHROPIC_AUTH_TOKEN: "stale-token" } }),
      );
      const session = code(["-p", "Say hello", "--output-format", "stream-json", "--verbose", "--max-turns", "2"], {
        ...env,
        HOME: claudeHome,
        DISABLE_AUTOUPDATER: "1",
        DISABLE_ERROR_REPORTING: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        CLAUDE_CODE_MAX_RETRIES: "1",
      }, project);
      // SIGTERM reaches claude through ccr, so a stuck run still ends both and the service gets stopped.
      const timer = setTimeout(() => session.kill("SIGTERM"), CLAUDE_LIMIT_MS);
      const [exit, stdout, stderr] = await Promise.all([session.exited, session.stdout, session.stderr]);
      clearTimeout(timer);
      const lines = stdout.trim().split("\n");
      const result = lines.map((line) => asRecord(JSON.parse(line))).find((event) => event?.type === "result");
      if (exit !== 0 || result?.subtype !== "success") process.stderr.write(`ccr code exit ${exit}\nstdout:\n${stdout}\nstderr:\n${stderr}\n`);
      expect(exit).toBe(0);
      // Every stdout line is claude's JSON: ccr's own messages went to stderr.
      expect(lines.every((line) => line.startsWith("{"))).toBe(true);
      expect(result?.subtype).toBe("success");
      expect(String(result?.result)).toContain(answer);
      expect(upstream.requests.some((r) => asRecord(r.body)?.model === "gpt-test")).toBe(true);
      expect(await healthy(url)).toBe(false);
    },
    CLAUDE_LIMIT_MS + 30_000,
  );
});
