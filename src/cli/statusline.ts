// `ccr statusline`: Claude Code's status-line command. Reads its JSON on stdin, prints one line, never fails (exit 0).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseJsonc } from "../config/parse-jsonc.ts";
import { ccrHome } from "../config/paths.ts";
import { REQUESTS_DB } from "../usage/schema.ts";
import { parseStatusInput, type StatusInput } from "../statusline/input.ts";
import { fallbackLine, renderStatusLine } from "../statusline/render.ts";
import { readSessionUsage } from "../usage/session-usage.ts";
import { statusLineSettings } from "../statusline/settings.ts";
import { logBehind, statusData, type ContextWindowOf, type SessionUsage } from "../statusline/status-data.ts";
import type { Command, Io } from "./command.ts";

/** Claude Code writes the JSON and closes stdin at once; a terminal left open must not hang the command. */
const STDIN_WAIT_MS = 1000;
/** How long to wait for the log to catch up with the response Claude Code just showed (ccr writes rows within ~20 ms);
 * short, because the whole command must stay within 50 ms; a line that misses it is redrawn by `refreshInterval`. */
const LOG_WAIT_MS = 25;
const LOG_POLL_MS = 5;

/** The parts of config.json the status line reads, parsed without compiling the whole config (startup matters). */
interface StatusConfig {
  statusLine: unknown;
  windowOf: ContextWindowOf;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    // No config file (or an unreadable one): the status line runs on its defaults.
    if (err instanceof Error) return undefined;
    throw err;
  }
}

/** `StatusLine` and `Providers[].model_info[<model>].context_window`; a broken file counts as no file. */
function readStatusConfig(env: Io["env"]): StatusConfig {
  const text = readText(join(ccrHome(env), "config.json"));
  let doc: unknown;
  try {
    doc = text === undefined ? {} : parseJsonc(text);
  } catch (err) {
    // `ccr config validate` reports syntax errors; the status line just uses its defaults.
    if (!(err instanceof Error)) throw err;
    doc = {};
  }
  const config = isRecord(doc) ? doc : {};
  const providers = Array.isArray(config.Providers) ? config.Providers : Array.isArray(config.providers) ? config.providers : [];
  const windowOf: ContextWindowOf = (provider, model) => {
    const entry = providers.find((p) => isRecord(p) && p.name === provider);
    const info = isRecord(entry) && isRecord(entry.model_info) ? entry.model_info[model] : undefined;
    const window = isRecord(info) ? info.context_window : undefined;
    return typeof window === "number" && window > 0 ? window : undefined;
  };
  return { statusLine: config.StatusLine, windowOf };
}

/** The checked-out branch of the repository around `dir` (short commit when detached), read from `.git/HEAD`. */
export function gitBranchOf(dir: string | undefined): string | undefined {
  let current = dir === undefined ? undefined : resolve(dir);
  for (let depth = 0; current !== undefined && depth < 32; depth++) {
    const dotGit = join(current, ".git");
    const pointer = readText(dotGit)?.match(/^gitdir:\s*(.+)$/m)?.[1];
    const head = readText(join(pointer === undefined ? dotGit : resolve(current, pointer.trim()), "HEAD"));
    if (head !== undefined) {
      const ref = /^ref:\s*refs\/heads\/(.+)$/m.exec(head)?.[1];
      return ref?.trim() ?? head.trim().slice(0, 7);
    }
    const parent = dirname(current);
    current = parent === current ? undefined : parent;
  }
  return undefined;
}

async function readStdin(io: Io): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(""), STDIN_WAIT_MS);
  });
  try {
    return await Promise.race([io.stdin.text(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function themeFlag(args: readonly string[]): string | undefined {
  const i = args.findIndex((a) => a === "--theme" || a.startsWith("--theme="));
  const arg = args[i];
  if (arg === undefined) return undefined;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[i + 1];
}

function noColor(env: Io["env"]): boolean {
  return (env.NO_COLOR !== undefined && env.NO_COLOR !== "") || env.TERM === "dumb";
}

/** The session's logged usage, polled briefly while the log is behind what Claude Code already saw. */
async function sessionUsage(input: StatusInput, env: Io["env"]): Promise<SessionUsage | undefined> {
  const session = input.sessionId;
  const db = join(ccrHome(env), REQUESTS_DB);
  if (session === undefined) return undefined;
  let usage = readSessionUsage(db, session);
  const deadline = Date.now() + LOG_WAIT_MS;
  while (logBehind(input, usage) && existsSync(db) && Date.now() < deadline) {
    await Bun.sleep(LOG_POLL_MS);
    usage = readSessionUsage(db, session) ?? usage;
  }
  return usage;
}

/** The line for one stdin document; throws on input that is not Claude Code's JSON. */
async function statusLine(text: string, args: readonly string[], io: Io): Promise<string> {
  const input: StatusInput = parseStatusInput(JSON.parse(text));
  const config = readStatusConfig(io.env);
  const settings = statusLineSettings(config.statusLine, { theme: noColor(io.env) ? "plain" : themeFlag(args) });
  const usage = await sessionUsage(input, io.env);
  const branch = settings.modules.some((m) => m.type === "gitBranch" || m.text.includes("gitBranch")) ? gitBranchOf(input.currentDir) : undefined;
  return renderStatusLine(statusData(input, usage, config.windowOf, branch), settings);
}

/** Prints the status line; any problem prints a short fallback line instead (CCR's `--theme` is ours, preset names are ignored). */
export const statuslineCommand: Command = {
  name: "statusline",
  summary: "Print Claude Code's status line (JSON on stdin): routed model, tokens, context, cost, speed",
  usage: "ccr statusline [--theme default|powerline|plain] < status.json",
  flags: [{ name: "theme", type: "string", placeholder: "T", description: "Override StatusLine.currentStyle: default, powerline or plain" }],
  async run(args, io) {
    try {
      io.stdout.write(`${await statusLine(await readStdin(io), args, io)}\n`);
    } catch (err) {
      // Claude Code blanks the line on a non-zero exit; a short line and exit 0 keep it informative.
      io.stdout.write(`${fallbackLine()}\n`);
      if (io.env.CCR_DEBUG) io.stderr.write(`ccr statusline: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 0;
  },
};
