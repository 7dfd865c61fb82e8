// argv → one command → exit code; errors become a message on stderr, never a stack trace unless CCR_DEBUG is set.
import { RouterError } from "../errors.ts";
import { loadCommand, type CommandSource, type Io } from "./command.ts";
import { commands } from "./commands.ts";
import { didYouMean } from "./closest.ts";
import { renderHelp, renderUsage } from "./help.ts";
import { UsageError } from "./usage-error.ts";

/** Runs the command `argv` names (argv without the executable and script) and resolves with its exit code. */
export async function runCli(argv: readonly string[], io: Io, list: readonly CommandSource[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stdout.write(renderHelp(await Promise.all(list.map(loadCommand))));
    return 0;
  }
  const source = list.find((c) => c.name === first || (c.aliases ?? []).includes(first));
  if (source === undefined) return reportError(unknownCommand(first, list), io, "ccr");
  const command = await loadCommand(source);
  const flagsEnd = rest.indexOf("--");
  const own = flagsEnd === -1 ? rest : rest.slice(0, flagsEnd);
  if (!command.passThrough && (own.includes("--help") || own.includes("-h"))) {
    io.stdout.write(renderUsage(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, io, `ccr ${command.name}`);
  }
}

function unknownCommand(written: string, list: readonly CommandSource[]): UsageError {
  const kind = written.startsWith("-") ? "flag" : "command";
  const candidates = list.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  const suggestion = didYouMean(written, candidates);
  const hint = suggestion === "" ? ' (run "ccr help" for the list)' : suggestion;
  return new UsageError(`unknown ${kind} "${written}"${hint}`);
}

/** Prints what went wrong for a person: usage and config errors as their message, anything else as a short line. */
function reportError(err: unknown, io: Io, prefix: string): number {
  if (err instanceof UsageError) io.stderr.write(`${prefix}: ${err.message}${err.seeHelp ? ` (see "${prefix} --help")` : ""}\n`);
  else if (err instanceof RouterError) io.stderr.write(`${err.message.trimEnd()}\n`);
  else if (io.env.CCR_DEBUG && err instanceof Error) io.stderr.write(`${prefix}: ${err.stack ?? err.message}\n`);
  else if (fileProblem(err) !== undefined) io.stderr.write(`${prefix}: ${fileProblem(err)}\n`);
  else {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`${prefix}: unexpected error: ${message} (set CCR_DEBUG=1 for details)\n`);
  }
  return 1;
}

/** `cannot open /x/ccr.pid: not a directory (...)` for a file-system error that names its path, else undefined. */
function fileProblem(err: unknown): string | undefined {
  if (!(err instanceof Error) || !("path" in err) || typeof err.path !== "string" || !("syscall" in err)) return undefined;
  // Node's messages read "ENOTDIR: not a directory, open '/x/ccr.pid'": the part between the code and the comma.
  const reason = /^[A-Z]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
  return `cannot ${String(err.syscall)} ${err.path}: ${reason} (check that path, CCR_HOME and their permissions)`;
}
