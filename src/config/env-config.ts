// A config built from environment variables alone, for CI and containers that have no config file.
import { ConfigError, type ConfigIssue } from "../errors.ts";
import type { Env } from "./paths.ts";
import { presetById, providerEntry, type ProviderPreset } from "./presets.ts";

/** The variables that describe the one provider; any of them set means "configure from the environment". */
export const PROVIDER_VARS = ["CCR_PROVIDER", "CCR_BASE_URL", "CCR_MODEL", "CCR_API_KEY", "CCR_API_KEY_ENV"] as const;
/** Server settings that map to a top-level config key of the same meaning. */
const SETTING_VARS = { CCR_APIKEY: "APIKEY", CCR_HOST: "HOST", CCR_LOG_LEVEL: "LOG_LEVEL" } as const;
/** Provider name when `CCR_PROVIDER` is not set. */
export const ENV_PROVIDER_NAME = "env";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === "" ? undefined : text;
}

/** The raw config document the environment describes, or undefined when it describes none.
 * Secrets stay `$VAR` references (resolved by the normal interpolation), so `ccr config show` never prints them. */
export function configFromEnv(env: Env): Record<string, unknown> | undefined {
  const doc: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(SETTING_VARS)) {
    if (value(env, name) !== undefined) doc[key] = key === "APIKEY" ? `$${name}` : value(env, name);
  }
  if (PROVIDER_VARS.some((name) => value(env, name) !== undefined)) return { ...doc, ...providerDoc(env) };
  // CCR v1's single-provider shorthand; OPENAI_API_KEY alone is too common in shells to mean "route to OpenAI".
  if (value(env, "OPENAI_MODEL") !== undefined) {
    for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"]) {
      if (value(env, name) !== undefined) doc[name] = `$${name}`;
    }
  }
  return Object.keys(doc).length > 0 ? doc : undefined;
}

/** `Providers` with one entry and `Router.default` pointing at its first model; throws `ConfigError` naming the variable. */
function providerDoc(env: Env): Record<string, unknown> {
  const issues: ConfigIssue[] = [];
  const wanted = value(env, "CCR_PROVIDER");
  const preset = wanted === undefined ? undefined : presetById(wanted);
  const name = preset?.id ?? wanted ?? ENV_PROVIDER_NAME;
  if (name.includes(",")) issues.push({ path: "env CCR_PROVIDER", message: `a provider name cannot contain ",", got ${JSON.stringify(name)}` });
  const baseUrl = value(env, "CCR_BASE_URL") ?? (preset?.api_base_url || undefined);
  if (baseUrl === undefined) issues.push({ path: "env CCR_BASE_URL", message: baseUrlHint(wanted, preset) });
  else if (!/^https?:\/\/[^/\s]/i.test(baseUrl) || !URL.canParse(baseUrl)) {
    issues.push({ path: "env CCR_BASE_URL", message: `expected an http:// or https:// URL, got ${JSON.stringify(baseUrl)}` });
  }
  const models = (value(env, "CCR_MODEL") ?? "").split(/[\s,]+/).filter((m) => m !== "");
  const fallbackModel = preset?.models[0];
  if (models.length === 0 && fallbackModel !== undefined) models.push(fallbackModel);
  if (models.length === 0) issues.push({ path: "env CCR_MODEL", message: "required: the model to send requests to (e.g. CCR_MODEL=deepseek-chat)" });
  const apiKey = keyReference(env, preset, issues);
  if (issues.length > 0 || baseUrl === undefined) throw envConfigError(issues);
  const base = preset ?? { id: name, label: name, api_base_url: baseUrl, models: [] };
  const entry = providerEntry(base, { name, apiKey, models, baseUrl });
  return { Providers: [entry], Router: { default: `${name},${models[0]}` } };
}

/** Like compile's configError, but says the config came from the environment, since there is no file to name. */
function envConfigError(issues: ConfigIssue[]): ConfigError {
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  return new ConfigError(["Invalid config from the environment (there is no config file):", ...lines].join("\n"), issues);
}

function baseUrlHint(wanted: string | undefined, preset: ProviderPreset | undefined): string {
  if (preset !== undefined) return `required for CCR_PROVIDER=${preset.id}: the endpoint URL, e.g. http://127.0.0.1:8000/v1/chat/completions`;
  const about = wanted === undefined ? "" : `CCR_PROVIDER=${JSON.stringify(wanted)} is not a preset, so `;
  return `${about}the endpoint URL is required, e.g. https://api.deepseek.com/chat/completions (presets: deepseek, openrouter, gemini, ...)`;
}

/** `$CCR_API_KEY`, `$<CCR_API_KEY_ENV>`, the preset's conventional variable when set, else no key (local servers). */
function keyReference(env: Env, preset: ProviderPreset | undefined, issues: ConfigIssue[]): string {
  if (value(env, "CCR_API_KEY") !== undefined) return "$CCR_API_KEY";
  const named = value(env, "CCR_API_KEY_ENV");
  if (named !== undefined) {
    if (!ENV_NAME.test(named)) issues.push({ path: "env CCR_API_KEY_ENV", message: `expected a variable name, got ${JSON.stringify(named)}` });
    else if (value(env, named) === undefined) issues.push({ path: "env CCR_API_KEY_ENV", message: `names ${named}, which is not set` });
    return `$${named}`;
  }
  if (preset?.keyEnv === undefined) return "";
  if (value(env, preset.keyEnv) !== undefined) return `$${preset.keyEnv}`;
  issues.push({ path: "env CCR_API_KEY", message: `CCR_PROVIDER=${preset.id} needs a key: set CCR_API_KEY (or ${preset.keyEnv})` });
  return "";
}
