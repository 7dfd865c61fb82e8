// `ccr code [args...]`: makes sure the service runs, then runs Claude Code through it with every argument untouched.
import type { CompiledConfig } from "../config/compiled.ts";
import { loadConfig } from "../config/load.ts";
import { startWaitNotice } from "../daemon/ensure-running.ts";
import { withStartLock } from "../daemon/lock.ts";
import {
  clearStartedByCode,
  closeSession,
  liveSessions,
  markStartedByCode,
  openSession,
  sessionSettingsPath,
  startedByCodePid,
} from "../daemon/sessions.ts";
import { childEnv, findClaude, INSTALL_HINT, runClaudeProcess } from "./claude-process.ts";
import { claudeSettings, shellQuote, writeClaudeSettings } from "./claude-settings.ts";
import { codeDaemon, type CodeDaemon } from "./code-daemon.ts";
import type { Command, Io } from "./command.ts";
import { claudeEnv, mergeNoProxy } from "./shell-env.ts";

/** Runs claude through ccr; `ccr code --help` shows this, everything else after `code` belongs to claude. */
export const codeCommand: Command = {
  name: "code",
  summary: "Run Claude Code through ccr, starting the service if needed (arguments go to claude untouched)",
  usage: "ccr code [claude arguments...]",
  passThrough: true,
  run: (args, io) => runCode(args, io, codeDaemon, process.pid),
};

/** The body of `ccr code`, with the service operations and this session's pid passed in. */
export async function runCode(args: readonly string[], io: Io, daemon: CodeDaemon, pid: number): Promise<number> {
  const config = await loadConfig(io.env);
  for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
  const claude = findClaude(config.claudePath, io.env, io.cwd);
  if (claude === undefined) {
    io.stderr.write(`ccr code: cannot find Claude Code ("${config.claudePath}" is not ${where(config.claudePath)}).\n${INSTALL_HINT}\n`);
    return 1;
  }
  // ccr's own messages must never mix into claude's stdout (`ccr code -p ... --output-format json > out.json`).
  const quiet: Io = { ...io, stdout: io.stderr };
  // Registered before the service check, so a session ending right now sees this one and leaves the service up.
  openSession(io.env, pid);
  try {
    const { url, started } = await daemon.ensureRunning(quiet);
    const servicePid = daemon.servicePid(io.env);
    if (started && servicePid !== undefined) markStartedByCode(io.env, servicePid);
    const vars = sessionVars(config, url, io.env);
    const settingsFile = sessionSettingsPath(io.env, pid);
    writeClaudeSettings(settingsFile, claudeSettings(vars, statusLineCommand(config, daemon)));
    return await runClaudeProcess([claude, "--settings", settingsFile, ...args], io, {
      env: childEnv(io.env, vars),
      cwd: io.cwd,
      stdin: config.nonInteractive ? "ignore" : "inherit",
    });
  } finally {
    closeSession(io.env, pid);
    if (config.autoStop === true) await stopIfLast(quiet, daemon);
  }
}

function where(claudePath: string): string {
  return claudePath.includes("/") || claudePath.includes("\\") ? "an existing file" : "on PATH";
}

/** Claude Code's variables for this session: the URL of the service actually running, and CCR's extras. */
export function sessionVars(config: CompiledConfig, url: string, env: Io["env"]): [string, string][] {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const vars = claudeEnv(config, env).map(([name, value]): [string, string] => {
    if (name === "ANTHROPIC_BASE_URL") return [name, url.replace(/\/+$/, "")];
    if (name === "NO_PROXY") return [name, mergeNoProxy(value, [host])];
    return [name, value];
  });
  if (config.smallFastModel !== undefined) vars.push(["ANTHROPIC_SMALL_FAST_MODEL", config.smallFastModel]);
  // CCR's NON_INTERACTIVE_MODE: no colours, no readline, no prompts (CI runners, scripts).
  if (config.nonInteractive) vars.push(["CI", "true"], ["FORCE_COLOR", "0"], ["NODE_NO_READLINE", "1"], ["TERM", "dumb"]);
  return vars;
}

/** `<ccr> statusline`, unless the config turns the status line off (`StatusLine.enabled: false`). */
function statusLineCommand(config: CompiledConfig, daemon: CodeDaemon): string | undefined {
  if (config.statusLine?.enabled === false) return undefined;
  return shellQuote(daemon.selfCommand("statusline"));
}

/**
 * Stops the service when `ccr code` started it (and it is still that process) and no other session is live. Done under
 * the start lock: a session starting now registers before it checks the service, so it is either seen here or waits
 * for this stop and starts a fresh service.
 */
async function stopIfLast(io: Io, daemon: CodeDaemon): Promise<void> {
  await withStartLock(io.env, startWaitNotice(io), async () => {
    const owner = startedByCodePid(io.env);
    if (owner === undefined || owner !== daemon.servicePid(io.env)) return;
    if (liveSessions(io.env).length > 0) return;
    await daemon.stopService(io);
    clearStartedByCode(io.env);
  });
}
