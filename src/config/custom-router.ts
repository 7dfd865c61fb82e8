// Finds and imports the `CUSTOM_ROUTER_PATH` module once per load (JS or TS, ESM or CommonJS).
import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import * as v from "valibot";
import { ConfigError, describeError } from "../errors.ts";
import type { CustomRouterFn } from "../router/types.ts";
import type { Env } from "./paths.ts";
import { importScript } from "./import-script.ts";

/** `~` is the home directory; a relative path is relative to the config file's directory. */
export function resolveCustomRouterPath(path: string, env: Env, configFile: string): string {
  const home = env.HOME || env.USERPROFILE;
  if (home && (path === "~" || path.startsWith("~/") || path.startsWith("~\\"))) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(dirname(configFile), path);
}

// Bun's build errors carry where the syntax error is.
const Positioned = v.object({ position: v.object({ line: v.number(), column: v.number() }) });

/** One line: the error's first message line, with line:column for syntax errors (never a stack). */
function oneLine(err: unknown): string {
  // Bun reports several syntax errors as an AggregateError; the first one is the cause.
  if (err instanceof AggregateError && err.errors.length > 0) return oneLine(err.errors[0]);
  const message = describeError(err).split("\n")[0] ?? "";
  const positioned = v.safeParse(Positioned, err);
  if (!positioned.success) return message;
  const { line, column } = positioned.output.position;
  return `${message} (line ${line}, column ${column})`;
}

/** The router function a module exports: `export default`, CommonJS `module.exports` (seen as default) or `export { router }`. */
function routerOf(mod: unknown): unknown {
  if (typeof mod !== "object" || mod === null) return undefined;
  const fallback = "default" in mod ? mod.default : undefined;
  if (typeof fallback === "function") return fallback;
  if ("router" in mod && typeof mod.router === "function") return mod.router;
  // A CommonJS object export (`module.exports = { router }`) arrives as `default`.
  if (typeof fallback === "object" && fallback !== null && "router" in fallback && typeof fallback.router === "function") {
    return fallback.router;
  }
  return undefined;
}

async function modifiedAt(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (err) {
    const reason = err instanceof Error && "code" in err && err.code === "ENOENT" ? "file not found" : oneLine(err);
    throw new ConfigError(`Cannot load custom router ${path}: ${reason}`, [{ path: "CUSTOM_ROUTER_PATH", message: reason }]);
  }
}

/** Imports the module at an absolute path; a changed file (new mtime) is imported afresh, an unchanged one comes from the cache. */
export async function loadCustomRouter(path: string, limitMs?: number): Promise<CustomRouterFn> {
  const mtime = await modifiedAt(path);
  let mod: unknown;
  try {
    mod = await importScript(path, mtime, limitMs);
  } catch (err) {
    const reason = oneLine(err);
    throw new ConfigError(`Cannot load custom router ${path}: ${reason}`, [{ path: "CUSTOM_ROUTER_PATH", message: reason }]);
  }
  const fn = routerOf(mod);
  if (fn === undefined) {
    const reason = "the module exports no router function (use `export default`, `module.exports =` or `export function router`)";
    throw new ConfigError(`Cannot load custom router ${path}: ${reason}`, [{ path: "CUSTOM_ROUTER_PATH", message: reason }]);
  }
  // The user's function is only known to be callable; its contract is CCR's documented (request, config, context).
  return fn as CustomRouterFn;
}
