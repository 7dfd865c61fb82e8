// Where ccr keeps its files, always derived from an injected environment so tests never touch the real home.
import { join } from "node:path";
import { ConfigError } from "../errors.ts";

/** The process environment as ccr reads it; passed in, never read from a global. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The ccr home directory: `$CCR_HOME`, else `~/.claude-code-router` (CCR v1 compatible). */
export function ccrHome(env: Env): string {
  if (env.CCR_HOME) return env.CCR_HOME;
  const home = env.HOME || env.USERPROFILE;
  if (!home) throw new ConfigError("Cannot find the home directory: set HOME (or CCR_HOME to choose ccr's directory).");
  return join(home, ".claude-code-router");
}

/** The main config file. */
export function configPath(env: Env): string {
  return join(ccrHome(env), "config.json");
}

/** Directory of the server log files. */
export function logsDir(env: Env): string {
  return join(ccrHome(env), "logs");
}

/** Conventional home of custom transformer and router scripts. */
export function pluginsDir(env: Env): string {
  return join(ccrHome(env), "plugins");
}
