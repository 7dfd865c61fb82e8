// Runs the real Claude Code CLI (npm `@anthropic-ai/claude-code`) in print mode against a ccr URL, for e2e tests.
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, type RunningCcr } from "./ccr-server.ts";

export const CLAUDE = join(REPO_ROOT, "node_modules/.bin/claude");
/** The token Claude Code sends (ccr's APIKEY in these tests). */
export const CLAUDE_TOKEN = "ccr-e2e-client-token";
export const CLAUDE_LIMIT_MS = 60_000;

export interface ClaudeRun {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout lines that parsed as JSON objects. */
  events: Record<string, unknown>[];
}

/** A fresh, resolved temp directory (Claude Code reports the resolved cwd); `cleanup` collects its removal. */
export async function tempDir(prefix: string, cleanup: (() => Promise<void>)[]): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      const value: unknown = JSON.parse(line);
      // Only objects are stream-json events.
      return typeof value === "object" && value !== null && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
    } catch (err) {
      // A torn last line (killed run) is reported through the diagnostics, not here.
      if (err instanceof SyntaxError) return [];
      throw err;
    }
  });
}

/** Runs `claude -p` in `cwd` with an `env -i`-style environment pointed at ccr; killed after 60 s. */
export async function runClaude(prompt: string, cwd: string, home: string, baseUrl: string): Promise<ClaudeRun> {
  const proc = Bun.spawn(
    [CLAUDE, "-p", prompt, "--output-format", "stream-json", "--verbose", "--max-turns", "6"]
      .concat(["--permission-mode", "acceptEdits", "--allowedTools", "Write,Edit,Read,Bash"]),
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: home,
        ANTHROPIC_BASE_URL: baseUrl,
        ANTHROPIC_AUTH_TOKEN: CLAUDE_TOKEN,
        DISABLE_TELEMETRY: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_ERROR_REPORTING: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        CLAUDE_CODE_MAX_RETRIES: "1",
      },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill("SIGKILL");
  }, CLAUDE_LIMIT_MS);
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { exitCode, timedOut, stdout, stderr, events: jsonLines(stdout) };
}

/** Runs the assertions; on failure prints claude's output, ccr's log and the upstream traffic (one line each). */
export async function explainOnFailure(run: ClaudeRun, ccr: RunningCcr, upstreamLines: readonly string[], check: () => void | Promise<void>) {
  try {
    await check();
  } catch (err) {
    const lines = [
      `claude exit=${run.exitCode} timedOut=${run.timedOut}`,
      "--- claude stderr ---",
      run.stderr.trim() || "(empty)",
      "--- claude stdout (last 15 lines) ---",
      ...run.stdout.trim().split("\n").slice(-15).map((l) => l.slice(0, 1500)),
      "--- ccr log (last 30 lines) ---",
      ...ccr.logs.slice(-30).map((l) => l.slice(0, 1500)),
      "--- upstream requests ---",
      ...upstreamLines,
    ];
    process.stderr.write(`${lines.join("\n")}\n`);
    throw err;
  }
}
