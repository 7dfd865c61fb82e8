// `ccr config path|validate|show`: where the config lives, whether it loads, and what it says (secrets masked).
import { readFile } from "node:fs/promises";
import { ConfigError, describeError } from "../errors.ts";
import type { CompiledConfig, RouteSlot } from "../config/compiled.ts";
import { configFromEnv } from "../config/env-config.ts";
import { loadConfig, parseConfigText } from "../config/load.ts";
import { maskSecrets } from "../config/mask.ts";
import { configPath } from "../config/paths.ts";
import { didYouMean } from "./closest.ts";
import type { Command, Io } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

type Subcommand = (io: Io) => Promise<number>;

const subcommands: Readonly<Record<string, Subcommand>> = { path: printPath, validate, show };
const names = Object.keys(subcommands);

/** Dispatches to one subcommand; a missing or unknown one is a usage error with the closest name. */
export const configCommand: Command = {
  name: "config",
  summary: "Print the config file's path, check it, or show it with secrets masked",
  usage: "ccr config <path|validate|show>",
  async run(args, io) {
    const [name, ...rest] = parseFlags(args, []).positionals;
    expectNoPositionals(rest);
    if (name === undefined) throw new UsageError(`missing subcommand: expected one of ${names.join(", ")}`);
    const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
    if (subcommand === undefined) {
      const suggestion = didYouMean(name, names);
      throw new UsageError(`unknown subcommand "${name}"${suggestion === "" ? ` (expected one of ${names.join(", ")})` : suggestion}`);
    }
    return subcommand(io);
  },
};

async function printPath(io: Io): Promise<number> {
  io.stdout.write(`${configPath(io.env)}\n`);
  return 0;
}

/** Loads the config exactly as `ccr serve` does; problems propagate as the ConfigError runCli prints. */
async function validate(io: Io): Promise<number> {
  const config = await loadConfig(io.env);
  // loadConfig runs on defaults (and leaves `path` unset) when the file is missing; validating nothing is a failure,
  // unless CCR_PROVIDER and friends describe the config (CI, containers).
  if (config.path === undefined && config.providers.size === 0) return missingFile(io);
  const providers = plural(config.providers.size, "provider");
  const routes = plural(routeCount(config), "route");
  io.stdout.write(`config OK: ${config.path ?? ENV_SOURCE} (${providers}, ${routes})\n`);
  for (const warning of config.warnings) io.stdout.write(`warning: ${warning}\n`);
  return 0;
}

/** Prints the document as written, or as the environment describes it (variables unresolved, secrets masked), then
 * reports whether it loads. */
async function show(io: Io): Promise<number> {
  const path = configPath(io.env);
  const text = await readText(path);
  // A bad file or environment throws the ConfigError runCli prints (exit 1).
  const doc = text === undefined ? configFromEnv(io.env) : parseConfigText(text, path);
  if (doc === undefined) return missingFile(io);
  if (text === undefined) io.stderr.write(`ccr config: no config file at ${path}; showing the one ${ENV_SOURCE}\n`);
  io.stdout.write(`${JSON.stringify(maskSecrets(doc), null, 2)}\n`);
  try {
    await loadConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message.trimEnd()}\n`);
    return 1;
  }
  return 0;
}

/** Where the config comes from when there is no file. */
const ENV_SOURCE = "built from the environment (CCR_PROVIDER, CCR_BASE_URL, CCR_MODEL, ...)";

function missingFile(io: Io): number {
  io.stderr.write(`ccr config: no config file at ${configPath(io.env)}; create one with "ccr init" (or set CCR_HOME to use another directory)\n`);
  return 1;
}

/** The file's text, or undefined when it does not exist. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return undefined;
    throw new ConfigError(`Cannot read config file ${path}: ${describeError(err)}`);
  }
}

const routeSlots: readonly RouteSlot[] = ["default", "background", "think", "longContext", "webSearch", "image"];

/** The Router slots that name a route. */
function routeCount(config: CompiledConfig): number {
  return routeSlots.filter((slot) => config.router[slot] !== undefined).length;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
