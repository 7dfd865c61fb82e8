// `ccr activate`: prints the environment that sends Claude Code through ccr, for `eval "$(ccr activate)"`.
import { loadConfig } from "../config/load.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { claudeEnv, detectShell, parseShell, renderEnv, shells, type Shell } from "./shell-env.ts";
import { UsageError } from "./usage-error.ts";

const activateFlags = [
  {
    name: "shell",
    type: "string",
    placeholder: "S",
    description: `Write for this shell: ${shells.join(", ")} (default: from SHELL, PowerShell on Windows)`,
  },
] as const satisfies readonly FlagSpec[];

/** Loads the config and writes shell code setting Claude Code's variables; warnings go to stderr so eval sees only code. */
export const activateCommand: Command = {
  name: "activate",
  summary: "Print the environment that points Claude Code at ccr, for eval",
  usage: "ccr activate [--shell bash|zsh|fish|powershell]",
  flags: activateFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, activateFlags);
    expectNoPositionals(positionals);
    const shell = chosenShell(flags.shell, io.env);
    const config = await loadConfig(io.env);
    for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
    io.stdout.write(renderEnv(claudeEnv(config, io.env), shell));
    return 0;
  },
};

function chosenShell(written: string | undefined, env: Readonly<Record<string, string | undefined>>): Shell {
  if (written === undefined) return detectShell(env);
  const shell = parseShell(written);
  if (shell === undefined) throw new UsageError(`--shell: expected one of ${shells.join(", ")}, got "${written}"`);
  return shell;
}
