import { Database } from "bun:sqlite";
import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitBranchOf } from "../../src/cli/statusline.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { CREATE_REQUESTS_SQL } from "../../src/usage/schema.ts";
import { compiledBinary } from "../helpers/compiled-binary.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const FIXTURE = join(import.meta.dir, "../fixtures/statusline/claude-code-input.json");
const stdin = readFileSync(FIXTURE, "utf8");
const SESSION = "2f6c1f0e-8a7b-4c55-9e21-3d4a5b6c7d8e";
/** Captured from Claude Code 2.1.330: after its first answer, and before any request. */
const REAL = readFileSync(join(import.meta.dir, "../fixtures/statusline/claude-code-real-input.json"), "utf8");
const REAL_START = readFileSync(join(import.meta.dir, "../fixtures/statusline/claude-code-real-input-start.json"), "utf8");
const REAL_SESSION = "3a2904c0-32f0-473e-b3e6-a40a0c914864";
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempHome(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-statusline-"));
  dirs.push(dir);
  if (config !== undefined) writeFileSync(join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

interface Logged {
  session: string;
  provider: string;
  model: string;
  cost: number | null;
  window: number | null;
  /** input, output, cache read, cache write; default 2000, 512, 30000, 768. */
  tokens?: [number, number, number, number];
}

function logRequest(home: string, values: Logged): void {
  const db = new Database(join(home, "requests.db"));
  db.run(CREATE_REQUESTS_SQL);
  db.query(
    `INSERT INTO requests (time, session, scenario, provider, model, attempts, status, duration_ms, input_tokens, output_tokens,
       cache_read_tokens, cache_write_tokens, context_window, tokens_per_second, cost)
     VALUES (1, ?1, 'default', ?2, ?3, 1, 200, 900, ?6, ?7, ?8, ?9, ?4, 61.2, ?5)`,
  ).run(values.session, values.provider, values.model, values.window, values.cost, ...(values.tokens ?? [2000, 512, 30000, 768]));
  db.close();
}

async function statusline(home: string, input = stdin, args: string[] = [], env: Record<string, string> = {}) {
  const fake = fakeIo({ env: { CCR_HOME: home, ...env }, stdin: input });
  const code = await runCli(["statusline", ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

const PLAIN = { StatusLine: { currentStyle: "plain" } };

describe("ccr statusline", () => {
  test("shows the routed provider,model, its tokens, context share, session cost and speed from the request log", async () => {
    const home = tempHome(PLAIN);
    logRequest(home, { session: SESSION, provider: "deepseek", model: "deepseek-chat", cost: 0.0042, window: 65_536 });
    const { code, stdout } = await statusline(home);
    expect(code).toBe(0);
    expect(stdout).toBe("deepseek,deepseek-chat | ↑ 32.8k ↓ 512 | 50% of 65.5k | $0.0042 | 61 tok/s\n");
  });

  test("takes the context window from Providers[].model_info when the log has none", async () => {
    const home = tempHome({ ...PLAIN, Providers: [{ name: "deepseek", model_info: { "deepseek-chat": { context_window: 131_072 } } }] });
    logRequest(home, { session: SESSION, provider: "deepseek", model: "deepseek-chat", cost: null, window: null });
    const { stdout } = await statusline(home);
    expect(stdout).toBe("deepseek,deepseek-chat | ↑ 32.8k ↓ 512 | 25% of 131.1k | 61 tok/s\n");
  });

  test("shows what Claude Code knows when there is no request log", async () => {
    const { code, stdout } = await statusline(tempHome(PLAIN));
    expect(code).toBe(0);
    expect(stdout).toBe("Sonnet 4.5 | ↑ 44.1k ↓ 640 | 22% of 200k\n");
  });

  test("reads Claude Code 2.1.330's real input: the routed model and the logged tokens, not Opus 5.5", async () => {
    const home = tempHome(PLAIN);
    logRequest(home, { session: REAL_SESSION, provider: "mock", model: "gpt-test", cost: null, window: 65_536, tokens: [1234, 56, 0, 0] });
    const started = performance.now();
    const { code, stdout } = await statusline(home, REAL);
    expect(code).toBe(0);
    expect(stdout).toBe("mock,gpt-test | ↑ 1.2k ↓ 56 | 2% of 65.5k | 61 tok/s\n");
    // The log agrees with what Claude Code saw: no waiting for it to catch up.
    expect(performance.now() - started).toBeLessThan(400);
  });

  test("shows only the Claude model before Claude Code's first request (no usage, no share, no '% of 1M')", async () => {
    expect((await statusline(tempHome(PLAIN), REAL_START)).stdout).toBe("Opus 5.5\n");
  });

  test("waits briefly for the request log to catch up with the answer Claude Code just showed", async () => {
    const home = tempHome(PLAIN);
    // The log exists but the row of this answer is still in ccr's write queue.
    logRequest(home, { session: "another-session", provider: "x", model: "y", cost: null, window: null });
    const late = Bun.sleep(10).then(() =>
      logRequest(home, { session: REAL_SESSION, provider: "mock", model: "gpt-test", cost: null, window: null, tokens: [1234, 56, 0, 0] }),
    );
    const { stdout } = await statusline(home, REAL);
    await late;
    expect(stdout).toBe("mock,gpt-test | ↑ 1.2k ↓ 56 | 61 tok/s\n");
  });

  test("gives up on a row that is not logged within its short wait, and shows what it knows", async () => {
    const home = tempHome(PLAIN);
    logRequest(home, { session: "another-session", provider: "x", model: "y", cost: null, window: null });
    const { stdout } = await statusline(home, REAL);
    expect(stdout).not.toContain("mock,gpt-test");
    expect(stdout).toEndWith("\n");
  });

  test("colours the line with the configured theme and modules", async () => {
    const home = tempHome(`{ // JSONC with a comment
      "StatusLine": { "currentStyle": "powerline", "powerline": { "modules": [{ "type": "workDir" }, { "type": "model" }] } },
    }`);
    const { stdout } = await statusline(home);
    expect(stdout).toContain("\x1b[37;104m shop \x1b[0m");
    expect(stdout).toContain("\x1b[37;44m Sonnet 4.5 \x1b[0m");
  });

  test("prints no escapes with --theme plain or NO_COLOR", async () => {
    const home = tempHome();
    expect((await statusline(home, stdin, ["--theme", "plain"])).stdout).not.toContain("\x1b");
    expect((await statusline(home, stdin, [], { NO_COLOR: "1" })).stdout).not.toContain("\x1b");
  });

  test("prints a short fallback line and exits 0 on garbage, empty or non-object input", async () => {
    for (const input of ["not json {", "", "[1,2]", "null"]) {
      const { code, stdout, stderr } = await statusline(tempHome(), input);
      expect(code).toBe(0);
      expect(stdout).toBe("ccr\n");
      expect(stderr).toBe("");
    }
  });

  test("survives a broken config file and a corrupt database", async () => {
    const home = tempHome("{ this is not json");
    writeFileSync(join(home, "requests.db"), "definitely not sqlite");
    const { code, stdout } = await statusline(home, stdin, ["--theme", "plain"]);
    expect(code).toBe(0);
    expect(stdout).toBe("Sonnet 4.5 | ↑ 44.1k ↓ 640 | 22% of 200k\n");
  });

  test("runs as the compiled binary and answers in one line", async () => {
    const home = tempHome(PLAIN);
    logRequest(home, { session: SESSION, provider: "or", model: "qwen/qwen3-coder", cost: 0.5, window: 262_144 });
    const proc = Bun.spawn([await compiledBinary(), "statusline"], { stdin: Bun.file(FIXTURE), stdout: "pipe", env: { CCR_HOME: home, HOME: home } });
    const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
    expect(code).toBe(0);
    expect(out).toStartWith("or,qwen/qwen3-coder | ↑ 32.8k ↓ 512 | 13% of 262.1k | $0.500");
  }, 60_000);
});

describe("gitBranchOf", () => {
  test("reads the branch from .git/HEAD of the directory or a parent, and a short commit when detached", () => {
    const repo = tempHome();
    mkdirSync(join(repo, ".git"));
    mkdirSync(join(repo, "src", "deep"), { recursive: true });
    writeFileSync(join(repo, ".git", "HEAD"), "ref: refs/heads/feat/x\n");
    expect(gitBranchOf(join(repo, "src", "deep"))).toBe("feat/x");
    writeFileSync(join(repo, ".git", "HEAD"), "0123456789abcdef\n");
    expect(gitBranchOf(repo)).toBe("0123456");
  });
});
