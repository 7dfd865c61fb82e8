// `ccr init` flags: the spec list, repeatable --model/--router, and the checks every answer must pass.
import type { RouteSlot } from "../config/compiled.ts";
import { presetById, providerPresets } from "../config/presets.ts";
import { didYouMean } from "./closest.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

/** The flags of `ccr init`, for parsing and `--help`. */
export const initFlags = [
  { name: "provider", type: "string", placeholder: "ID", description: `Provider preset (${providerPresets.map((p) => p.id).join(", ")})` },
  { name: "name", type: "string", placeholder: "NAME", description: "Provider name used in provider,model (default: the preset id)" },
  { name: "base-url", type: "string", placeholder: "URL", description: "Endpoint URL (required for custom)" },
  { name: "api-key-env", type: "string", placeholder: "VAR", description: "Environment variable holding the key (stored as $VAR)" },
  { name: "api-key", type: "string", placeholder: "KEY", description: "The key itself (stored in config.json as written)" },
  { name: "model", type: "string", placeholder: "ID", description: "A model to add (repeatable; the first is the default route)" },
  { name: "router", type: "string", placeholder: "SLOT=P,M", description: "A Router slot, e.g. background=deepseek,deepseek-chat (repeatable)" },
  { name: "no-test", type: "boolean", description: "Skip the one-token connection test" },
  { name: "force", type: "boolean", description: "Replace an existing config (a backup is kept)" },
] as const satisfies readonly FlagSpec[];

/** What the command line says; undefined where it says nothing. */
export interface InitFlags {
  provider: string | undefined;
  name: string | undefined;
  baseUrl: string | undefined;
  apiKeyEnv: string | undefined;
  apiKey: string | undefined;
  models: string[];
  router: Partial<Record<RouteSlot, string>>;
  test: boolean;
  force: boolean;
}

/** Router slots `--router` and the wizard can assign (default comes from the first model). */
export const routeSlots: readonly RouteSlot[] = ["default", "background", "think", "longContext", "webSearch", "image"];

const REPEATABLE = new Set(["--model", "--router"]);

/** Pulls every `--model X` / `--router=X` out of `args` (the shared parser keeps only the last of a repeated flag). */
function takeRepeated(args: readonly string[]): { rest: string[]; values: Map<string, string[]> } {
  const rest: string[] = [];
  const values = new Map<string, string[]>([["--model", []], ["--router", []]]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!REPEATABLE.has(name)) {
      rest.push(arg);
      continue;
    }
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`${name}: expected a value`);
    values.get(name)?.push(value);
  }
  return { rest, values };
}

/** Parses `ccr init` arguments; throws UsageError for a bad flag, slot or variable name. */
export function parseInitFlags(args: readonly string[]): InitFlags {
  const { rest, values } = takeRepeated(args);
  const { flags, positionals } = parseFlags(rest, initFlags);
  expectNoPositionals(positionals);
  if (flags["api-key-env"] !== undefined && flags["api-key"] !== undefined) {
    throw new UsageError("--api-key-env and --api-key: give one of them, not both");
  }
  if (flags.provider !== undefined) checkPreset(flags.provider);
  if (flags["api-key-env"] !== undefined) checkEnvName(flags["api-key-env"], "--api-key-env");
  if (flags["base-url"] !== undefined) checkUrl(flags["base-url"], "--base-url");
  if (flags.name !== undefined) checkProviderName(flags.name, "--name");
  const models = (values.get("--model") ?? []).map((m) => m.trim()).filter((m) => m !== "");
  return {
    provider: flags.provider,
    name: flags.name,
    baseUrl: flags["base-url"],
    apiKeyEnv: flags["api-key-env"],
    apiKey: flags["api-key"],
    models: [...new Set(models)],
    router: parseRouterFlags(values.get("--router") ?? []),
    test: flags["no-test"] !== true,
    force: flags.force === true,
  };
}

function parseRouterFlags(items: readonly string[]): Partial<Record<RouteSlot, string>> {
  const out: Partial<Record<RouteSlot, string>> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    const slot = routeSlots.find((s) => s === item.slice(0, eq));
    if (eq === -1) throw new UsageError(`--router "${item}": expected slot=provider,model, e.g. background=deepseek,deepseek-chat`);
    if (slot === undefined) {
      const written = item.slice(0, eq);
      const suggestion = didYouMean(written, routeSlots);
      const expected = ` (expected slot=provider,model with slot one of ${routeSlots.join(", ")})`;
      throw new UsageError(`--router: "${written}" is not a Router slot${suggestion === "" ? expected : suggestion}`);
    }
    const route = item.slice(eq + 1);
    if (!/^[^,]+,.+$/.test(route)) throw new UsageError(`--router ${slot}: expected "provider,model", got "${route}"`);
    out[slot] = route;
  }
  return out;
}

/** Throws UsageError naming the presets when `id` is not one. */
export function checkPreset(id: string): void {
  if (presetById(id) !== undefined) return;
  const ids = providerPresets.map((p) => p.id);
  const suggestion = didYouMean(id, ids);
  throw new UsageError(`--provider: unknown preset "${id}"${suggestion === "" ? ` (expected one of ${ids.join(", ")})` : suggestion}`);
}

/** A problem with an environment variable name, or undefined. */
export function envNameProblem(name: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? undefined : "letters, digits and _ only, not starting with a digit";
}

/** A problem with a provider name, or undefined. */
export function providerNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "a name is required";
  return name.includes(",") ? "no commas (the name is used in provider,model)" : undefined;
}

/** A problem with an endpoint URL, or undefined. */
export function urlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return "an absolute http(s) URL, e.g. http://127.0.0.1:8000/v1/chat/completions";
  const { protocol } = new URL(text);
  return protocol === "http:" || protocol === "https:" ? undefined : "an http:// or https:// URL";
}

function checkEnvName(name: string, flag: string): void {
  const problem = envNameProblem(name);
  if (problem) throw new UsageError(`${flag}: "${name}" is not a variable name (${problem})`);
}

function checkUrl(text: string, flag: string): void {
  const problem = urlProblem(text);
  if (problem) throw new UsageError(`${flag}: expected ${problem}, got "${text}"`);
}

function checkProviderName(name: string, flag: string): void {
  const problem = providerNameProblem(name);
  if (problem) throw new UsageError(`${flag}: ${problem}`);
}

/** `"$VAR"` as config interpolation reads it: bare for upper-case names, braced otherwise. */
export function keyReference(name: string): string {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? `$${name}` : `\${${name}}`;
}
