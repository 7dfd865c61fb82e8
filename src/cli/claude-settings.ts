// The Claude Code settings file `ccr code` passes with `--settings`: ccr's environment and the ccr status line.
import { chmodSync, rmSync, writeFileSync } from "node:fs";

/** Claude Code settings as `ccr code` writes them (https://docs.claude.com/en/docs/claude-code/settings). */
export interface ClaudeSettings {
  env: Record<string, string>;
  statusLine?: { type: "command"; command: string; padding: number; refreshInterval: number };
}

/** Claude Code also redraws the status line this often (seconds), so usage logged a moment late still shows. */
const STATUS_REFRESH_S = 5;

const BARE = /^[A-Za-z0-9_\/.:=@%+,-]+$/;

/** One POSIX shell word per argument: Claude Code runs the status-line command through a shell (bash on Windows too). */
export function shellQuote(args: readonly string[]): string {
  return args.map((arg) => (BARE.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(" ");
}

/**
 * The settings for one session. The environment goes in too: flag settings outrank `~/.claude/settings.json`, whose own
 * `env` (an old ANTHROPIC_BASE_URL or API key) would otherwise silently bypass ccr (CCR #1100, #1103).
 */
export function claudeSettings(env: readonly (readonly [string, string])[], statusLineCommand: string | undefined): ClaudeSettings {
  const settings: ClaudeSettings = { env: Object.fromEntries(env) };
  if (statusLineCommand !== undefined) settings.statusLine = { type: "command", command: statusLineCommand, padding: 0, refreshInterval: STATUS_REFRESH_S };
  return settings;
}

/** Writes `settings` to a fresh file only the user can read (mode 0600): it carries the client token. */
export function writeClaudeSettings(file: string, settings: ClaudeSettings): void {
  // A leftover file of a dead session with the same pid may have other permissions: replace it, never reuse it.
  rmSync(file, { force: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  // The mode given at creation is filtered by the umask; 0600 is already the tightest, this only guards odd umasks.
  chmodSync(file, 0o600);
}
