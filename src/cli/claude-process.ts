// Finding and running the `claude` binary for `ccr code`: its environment, inherited stdio, signals and exit code.
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { isAbsolute, resolve } from "node:path";
import type { Env } from "../config/paths.ts";
import type { Io } from "./command.ts";

/** Variables that make Claude Code talk to Bedrock/Vertex directly, ignoring ANTHROPIC_BASE_URL. */
const BYPASS_VARIABLES = ["CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"];

/** What to tell a user without Claude Code. */
export const INSTALL_HINT = "Install Claude Code with: npm install -g @anthropic-ai/claude-code (or set CLAUDE_PATH in config.json)";

/** The executable `claudePath` names: a path (relative to `cwd`) when it contains a separator, else looked up on PATH. */
export function findClaude(claudePath: string, env: Env, cwd: string): string | undefined {
  if (claudePath.includes("/") || claudePath.includes("\\")) {
    const file = isAbsolute(claudePath) ? claudePath : resolve(cwd, claudePath);
    return existsSync(file) ? file : undefined;
  }
  return Bun.which(claudePath, { PATH: env.PATH ?? env.Path ?? "", cwd }) ?? undefined;
}

/** The child's environment: ours, minus the Bedrock/Vertex switches, plus `vars` (which win). */
export function childEnv(base: Env, vars: readonly (readonly [string, string])[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !BYPASS_VARIABLES.includes(name)) env[name] = value;
  }
  for (const [name, value] of vars) env[name] = value;
  return env;
}

/** How claude is started: its environment, directory and stdin. */
export interface ClaudeRunOptions {
  env: Record<string, string>;
  cwd: string;
  /** `ignore` under NON_INTERACTIVE_MODE, so claude never waits on a pipe nobody writes to. */
  stdin: "inherit" | "ignore";
}

/**
 * Runs `argv` with the terminal handed over and resolves with its exit code (128 + n when killed by signal n).
 * Ctrl-C in a terminal reaches claude directly (same process group), so ccr only keeps itself alive and waits;
 * SIGTERM, and SIGINT when there is no terminal, are passed on because nobody else delivers them.
 */
export async function runClaudeProcess(argv: readonly string[], io: Io, opts: ClaudeRunOptions): Promise<number> {
  const child = Bun.spawn([...argv], { cwd: opts.cwd, env: opts.env, stdio: [opts.stdin, "inherit", "inherit"] });
  let done = false;
  const exited = child.exited.then(() => {
    done = true;
  });
  void forwardSignals(io, (signal) => {
    if (signal === "SIGINT" && io.isTTY) return;
    if (!done) child.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  }, exited);
  await exited;
  if (child.exitCode !== null) return child.exitCode;
  const signal = child.signalCode;
  if (typeof signal === "number") return 128 + signal;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

/** Keeps answering interrupts until `until` settles; stops re-arming when `io` hands back an already-used wait. */
async function forwardSignals(io: Io, onSignal: (signal: string) => void, until: Promise<void>): Promise<void> {
  let previous: Promise<string> | undefined;
  for (;;) {
    const wait = io.waitForInterrupt();
    if (wait === previous) return;
    previous = wait;
    const signal = await Promise.race([wait, until.then(() => undefined)]);
    if (signal === undefined) return;
    onSignal(signal);
  }
}
