// Interpolates, validates and compiles a config document once, reporting every problem at once.
import * as v from "valibot";
import { ConfigError, type ConfigIssue } from "../errors.ts";
import { describeIssue, describeValue } from "../formats/issues.ts";
import type { CompiledConfig } from "./compiled.ts";
import type { ExtraTransformers } from "./compile-plan.ts";
import { compileClientKeys } from "./compile-client-keys.ts";
import { compileProviders } from "./compile-providers.ts";
import { compileRoutes } from "./compile-routes.ts";
import { interpolate, isRecord } from "./interpolate.ts";
import type { Env } from "./paths.ts";
import { declaredNames, providerEntries } from "./provider-entries.ts";
import { documentSecrets, providerSecrets, redactableSecrets, secretReferenceValues, urlSecrets } from "./secret-values.ts";
import { removeSecrets } from "../log.ts";
import { ConfigSchema, type ConfigInput, type ProviderInput } from "./schema.ts";
import type { ModelInfo } from "../usage/prices.ts";
import { unknownKeyWarnings } from "./unknown-keys.ts";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 3456;
export const DEFAULT_TIMEOUT_MS = 600_000;
export const DEFAULT_BODY_LIMIT_MB = 32;
export const DEFAULT_USAGE_RETENTION_DAYS = 30;
export const DEFAULT_USAGE_MAX_MB = 200;

/** `Invalid config at <path>:` and one problem per line; warnings follow as notes (a typo often explains an error). */
export function configError(path: string | undefined, issues: readonly ConfigIssue[], warnings: readonly string[] = []): ConfigError {
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  const notes = warnings.map((warning) => `  note: ${warning}`);
  return new ConfigError([`Invalid config at ${path ?? "(no file)"}:`, ...lines, ...notes].join("\n"), [...issues]);
}

function schemaIssues(doc: unknown, skip: ReadonlySet<string>): { output: ConfigInput | undefined; issues: ConfigIssue[] } {
  // valibot's object schema accepts arrays, so the root shape is checked here.
  if (!isRecord(doc))
    return { output: undefined, issues: [{ path: "(root)", message: `expected a JSON object, got ${describeValue(doc)}` }] };
  const parsed = v.safeParse(ConfigSchema, doc);
  if (parsed.success) return { output: parsed.output, issues: [] };
  const issues = parsed.issues
    .map((issue) => describeIssue(issue))
    .filter((issue) => !skip.has(issue.path))
    .map((issue) => ({ path: issue.path || "(root)", message: issue.message }));
  return { output: undefined, issues };
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Validates and compiles a parsed config document; throws `ConfigError` listing every problem.
 * `extra` holds custom transformers `loadConfig` imported from `transformers[]` (compiling does no I/O). */
export function compileConfig(raw: unknown, env: Env, path?: string, extra?: ExtraTransformers): CompiledConfig {
  const interpolated = interpolate(raw, env);
  const doc = isRecord(interpolated.value) ? interpolated.value : {};
  const schema = schemaIssues(interpolated.value, interpolated.unresolvedPaths);
  const entries = providerEntries(doc);
  const providers = compileProviders(entries.entries, extra, env);
  const known = { declared: declaredNames(entries.entries), providers: providers.providers };
  const routes = compileRoutes(doc, known, entries.legacyRoute);
  const fromEnv = environmentSettings(env);
  const clients = schema.output ? compileClientKeys(schema.output.APIKEY, new Set(providers.providers.keys())) : { keys: [], issues: [] };
  const issues = dedupe([
    ...interpolated.issues,
    ...clients.issues,
    ...schema.issues,
    ...fromEnv.issues,
    ...entries.issues,
    ...providers.issues,
    ...routes.issues,
  ]);
  const warnings = [...new Set([...unknownKeyWarnings(doc), ...entries.warnings, ...providers.warnings])];
  if (schema.output === undefined || issues.length > 0) throw configError(path, withoutSecrets(issues, raw, doc, env), warnings);
  // The first client key is the one `ccr code`/`ccr activate` hand to Claude Code; any key switches auth on.
  const apiKey = clients.keys[0]?.key;
  const clientSecrets = clients.keys.map((k) => k.key);
  const configured = settings(schema.output, env);
  // Transformer options and proxy passwords are secrets too; the proxy may come from HTTPS_PROXY in the environment.
  const documentSecretValues = [...documentSecrets(doc), ...urlSecrets(configured.proxyUrl)];
  return {
    ...configured,
    path,
    port: fromEnv.port ?? schema.output.PORT ?? DEFAULT_PORT,
    apiKey,
    providers: providers.providers,
    router: routes.router,
    fallback: routes.fallback,
    clientKeys: clients.keys,
    secrets: redactableSecrets([...providerSecrets(providers.providers.values()), ...clientSecrets, ...documentSecretValues], doc),
    warnings,
    raw,
    modelInfo: modelInfoOf([...(schema.output.Providers ?? []), ...(schema.output.providers ?? [])]),
    customRouter: undefined,
    customRouterConfig: interpolated.value,
  };
}

/** Problems quote the values they found; a secret put in the wrong place must not be printed or logged with them. */
function withoutSecrets(issues: readonly ConfigIssue[], raw: unknown, doc: unknown, env: Env): ConfigIssue[] {
  const secrets = [...redactableSecrets(documentSecrets(doc), doc), ...secretReferenceValues(raw, env)];
  return secrets.length === 0 ? [...issues] : issues.map((issue) => ({ ...issue, message: removeSecrets(issue.message, secrets) }));
}

/** Retries of the same route before failing over, and the cap on the total wait between them. */
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_MAX_WAIT_MS = 10_000;
/** Consecutive failures that make a route sit out, and for how long. */
export const DEFAULT_CIRCUIT_FAILURES = 3;
export const DEFAULT_CIRCUIT_COOLDOWN_MS = 30_000;

type Settings = Omit<
  CompiledConfig,
  "path" | "port" | "apiKey" | "clientKeys" | "providers" | "router" | "fallback" | "secrets" | "warnings" | "raw" | "customRouter" | "customRouterConfig" | "modelInfo"
>;

/** `model_info` of every provider, keyed `provider,model`. */
function modelInfoOf(providers: readonly ProviderInput[]): Map<string, ModelInfo> {
  const out = new Map<string, ModelInfo>();
  for (const p of providers) for (const [model, info] of Object.entries(p.model_info ?? {})) out.set(`${p.name},${model}`, info);
  return out;
}

/** The plain top-level keys with their CCR defaults. */
function settings(input: ConfigInput, env: Env): Settings {
  return {
    host: input.HOST ?? DEFAULT_HOST,
    timeoutMs: input.API_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
    proxyUrl: proxyUrl(input, env),
    noProxy: noProxy(env),
    log: input.LOG ?? true,
    logLevel: input.LOG_LEVEL ?? "info",
    logMaxFiles: input.LOG_MAX_FILES,
    logMaxBytes: input.LOG_MAX_MB === undefined ? undefined : input.LOG_MAX_MB * 1024 * 1024,
    bodyLimit: (input.BODY_LIMIT_MB ?? DEFAULT_BODY_LIMIT_MB) * 1024 * 1024,
    nonInteractive: input.NON_INTERACTIVE_MODE ?? false,
    customRouterPath: input.CUSTOM_ROUTER_PATH || undefined,
    claudePath: input.CLAUDE_PATH || env.CLAUDE_PATH || "claude",
    statusLine: input.StatusLine,
    customTransformers: (input.transformers ?? []).map((t) => ({ path: t.path, options: t.options })),
    rewriteSystemPromptPath: input.REWRITE_SYSTEM_PROMPT || undefined,
    forceUseImageAgent: input.forceUseImageAgent ?? false,
    smallFastModel: input.ANTHROPIC_SMALL_FAST_MODEL || undefined,
    autoStop: input.autoStop ?? false,
    retries: input.RETRIES ?? DEFAULT_RETRIES,
    retryMaxWaitMs: input.RETRY_MAX_WAIT_MS ?? DEFAULT_RETRY_MAX_WAIT_MS,
    circuitFailures: input.CIRCUIT_FAILURES ?? DEFAULT_CIRCUIT_FAILURES,
    circuitCooldownMs: input.CIRCUIT_COOLDOWN_MS ?? DEFAULT_CIRCUIT_COOLDOWN_MS,
    logBodies: input.LOG_BODIES ?? false,
    usageRetentionDays: input.USAGE_RETENTION_DAYS ?? DEFAULT_USAGE_RETENTION_DAYS,
    usageMaxBytes: (input.USAGE_MAX_MB ?? DEFAULT_USAGE_MAX_MB) * 1024 * 1024,
  };
}

/** `SERVICE_PORT` overrides `PORT` (CCR v1). */
function environmentSettings(env: Env): { port: number | undefined; issues: ConfigIssue[] } {
  const text = env.SERVICE_PORT;
  if (text === undefined || text === "") return { port: undefined, issues: [] };
  const port = Number(text);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return { port, issues: [] };
  return {
    port: undefined,
    issues: [{ path: "env SERVICE_PORT", message: `expected a port number (1-65535), got ${JSON.stringify(text)}` }],
  };
}

/** Config `HTTPS_PROXY`/`https_proxy`/`httpsProxy`/`PROXY_URL` (CCR's order), else the usual environment variables. */
function proxyUrl(input: ConfigInput, env: Env): string | undefined {
  const candidates = [
    input.HTTPS_PROXY,
    input.https_proxy,
    input.httpsProxy,
    input.PROXY_URL,
    env.HTTPS_PROXY,
    env.https_proxy,
    env.HTTP_PROXY,
    env.http_proxy,
  ];
  return candidates.find((candidate) => candidate !== undefined && candidate !== "");
}

/** `NO_PROXY`/`no_proxy`, split on commas. */
function noProxy(env: Env): string[] {
  const text = env.NO_PROXY || env.no_proxy || "";
  return text
    .split(",")
    .map((host) => host.trim())
    .filter((host) => host !== "");
}
