// `ccr logs [-f]`: the server log, newest lines last, readable (or raw JSON), optionally followed.
import { join } from "node:path";
import { logsDir } from "../config/paths.ts";
import { followLogs } from "../logs/follow.ts";
import { fileSize, logFileNames, readLastLines } from "../logs/log-files.ts";
import { atLeast, formatLogEntry, isLogLevel, LOG_LEVELS, parseLogLine } from "../logs/log-lines.ts";
import type { LogLevel } from "../log.ts";
import type { Command, Io } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

const logsFlags = [
  { name: "follow", short: "f", type: "boolean", description: "Keep printing new lines as the server writes them (Ctrl-C ends)" },
  { name: "lines", short: "n", type: "string", placeholder: "N", description: "How many of the last lines to print first (default 50)" },
  { name: "level", type: "string", placeholder: "L", description: `Only lines at this level or above (${LOG_LEVELS.join(", ")})` },
  { name: "json", type: "boolean", description: "Print the raw JSON lines" },
] as const satisfies readonly FlagSpec[];

function lineCount(raw: string | undefined): number {
  if (raw === undefined) return 50;
  if (!/^\d{1,6}$/.test(raw)) throw new UsageError(`--lines: expected a whole number from 0 to 999999, got "${raw}"`);
  return Number(raw);
}

function minLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return "trace";
  if (!isLogLevel(raw)) throw new UsageError(`--level: expected one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  return raw;
}

/** The last `count` lines across the files, oldest first, the newest file read up to `end` (where -f goes on). */
function lastLinesAcross(dir: string, names: readonly string[], count: number, end: number): string[] {
  const collected: string[] = [];
  for (const [i, name] of names.entries()) {
    if (collected.length >= count) break;
    collected.unshift(...readLastLines(join(dir, name), count - collected.length, i === 0 ? end : undefined));
  }
  return collected;
}

/** Prints the tail of the server log and, with `-f`, what follows until interrupted. */
export const logsCommand: Command = {
  name: "logs",
  summary: "Print the server log (-f follows it)",
  usage: "ccr logs [-f] [-n N] [--level L] [--json]",
  flags: logsFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, logsFlags);
    expectNoPositionals(positionals);
    const count = lineCount(flags.lines);
    const level = minLevel(flags.level);
    const dir = logsDir(io.env);
    const print = (line: string) => {
      const entry = parseLogLine(line);
      if (!atLeast(entry.level, level)) return;
      io.stdout.write(`${flags.json ? line : formatLogEntry(entry)}\n`);
    };
    const names = logFileNames(dir);
    if (names.length === 0) io.stderr.write(`no log files in ${dir} yet (the server writes them while it runs; LOG: false turns them off)\n`);
    // One point splits the tail from what -f prints next: lines written meanwhile are printed once, by the follower.
    const newest = names[0];
    const end = newest === undefined ? 0 : fileSize(join(dir, newest));
    for (const line of lastLinesAcross(dir, names, count, end)) print(line);
    if (!flags.follow) return 0;
    return follow(io, dir, print, newest === undefined ? undefined : { file: newest, offset: end });
  },
};

async function follow(io: Io, dir: string, print: (line: string) => void, start: { file: string; offset: number } | undefined): Promise<number> {
  const stop = followLogs({ dir, onLine: (line) => print(line), fromEnd: true, start });
  await io.waitForInterrupt();
  stop();
  return 0;
}
