// What a CLI command is, and the world it sees: everything outside the process comes through `Io`.
import type { FlagSpec } from "./flags.ts";
import type { Prompter } from "./prompter.ts";

/** Text output: stdout or stderr. */
export interface Writer {
  write(text: string): void;
}

/** The outside world of a command, injected so tests can run commands without a terminal or a process. */
export interface Io {
  /** Standard input, read whole (e.g. the JSON Claude Code pipes into `ccr statusline`). */
  stdin: { text(): Promise<string> };
  stdout: Writer;
  stderr: Writer;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when both stdin and stdout are terminals, so interactive prompts are possible. */
  isTTY: boolean;
  /** Questions and spinners: @clack/prompts when `canPrompt(io)`, otherwise a prompter that refuses every question. */
  prompter: Prompter;
  /** Resolves with the signal name once the user asks the process to stop (SIGINT, SIGTERM). */
  waitForInterrupt(): Promise<string>;
}

/** One `ccr <name>` command. */
export interface Command {
  name: string;
  /** Other spellings that select this command (`--version`, `-v`). */
  aliases?: readonly string[];
  /** One line for the command list in `ccr help`. */
  summary: string;
  /** The synopsis, e.g. `ccr serve [--port N] [--host H]`. */
  usage: string;
  /** True when every argument belongs to another program (`ccr code` → claude): `--help` goes there too. */
  passThrough?: boolean;
  /** The flags the command accepts, listed by `ccr <name> --help`. */
  flags?: readonly FlagSpec[];
  /** Runs the command; resolves with the process exit code. */
  run(args: readonly string[], io: Io): Promise<number>;
}

/** A command known by name whose module is imported only when it runs or help lists it: `ccr --version`, the status
 * line and the server do not pay for the others. */
export interface LazyCommand {
  name: string;
  aliases?: readonly string[];
  load(): Promise<Command>;
}

/** An entry of a command list: the command itself, or where to load it from. */
export type CommandSource = Command | LazyCommand;

/** The command behind a list entry. */
export function loadCommand(source: CommandSource): Promise<Command> {
  return "load" in source ? source.load() : Promise.resolve(source);
}
