// Reads config.json from the ccr home and compiles it; a missing file yields defaults plus a warning (never a write).
import { readFile } from "node:fs/promises";
import { ConfigError, describeError } from "../errors.ts";
import type { CompiledConfig } from "./compiled.ts";
import { compileConfig } from "./compile.ts";
import { loadCustomRouter, resolveCustomRouterPath } from "./custom-router.ts";
import { customTransformerSources, loadCustomTransformers } from "./custom-transformers.ts";
import { configFromEnv } from "./env-config.ts";
import { JsoncSyntaxError, parseJsonc } from "./parse-jsonc.ts";
import { configPath, type Env } from "./paths.ts";

function isMissingFile(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}

/** The file's text, or undefined when it does not exist. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if (isMissingFile(err)) return undefined;
    throw new ConfigError(`Cannot read config file ${path}: ${describeError(err)}`);
  }
}

/** Parses JSONC text; a syntax error names the file, line and column. */
export function parseConfigText(text: string, path: string): unknown {
  try {
    return parseJsonc(text);
  } catch (err) {
    if (!(err instanceof JsoncSyntaxError)) throw err;
    const where = `${path}:${err.line}:${err.column}`;
    throw new ConfigError(`Cannot parse ${path} (line ${err.line}, column ${err.column}): ${err.reason}`, [
      { path: where, message: err.reason },
    ]);
  }
}

/** Loads and compiles `<ccr home>/config.json` for this environment. */
export async function loadConfig(env: Env): Promise<CompiledConfig> {
  const path = configPath(env);
  const text = await readText(path);
  if (text === undefined) {
    // CI and containers: CCR_PROVIDER, CCR_BASE_URL, CCR_MODEL, ... describe the config instead of a file.
    const defaults = compileConfig(configFromEnv(env) ?? {}, env, undefined);
    if (defaults.providers.size > 0) return defaults;
    const warning = `No config file at ${path}: running with no providers until that file exists (create it with "ccr init").`;
    return { ...defaults, warnings: [warning, ...defaults.warnings] };
  }
  const raw = parseConfigText(text, path);
  // Custom transformers are imported before compiling, so `use` lists can name them.
  const extra = await loadCustomTransformers(customTransformerSources(raw, env), env, path);
  return withCustomRouter(compileConfig(raw, env, path, extra), env, path);
}

/** Imports `CUSTOM_ROUTER_PATH` once per load, so requests never touch the disk for it. */
async function withCustomRouter(config: CompiledConfig, env: Env, path: string): Promise<CompiledConfig> {
  if (config.customRouterPath === undefined) return config;
  const file = resolveCustomRouterPath(config.customRouterPath, env, path);
  return { ...config, customRouterPath: file, customRouter: await loadCustomRouter(file) };
}
