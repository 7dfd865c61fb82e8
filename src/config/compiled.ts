// The config as requests see it: validated, interpolated and resolved once at load.
import type { Adapter, Profile } from "../providers/adapter.ts";
import type { CustomRouterFn } from "../router/types.ts";
import type { Transformer } from "../transformers/transformer.ts";
import type { ModelInfo } from "../usage/prices.ts";

/** How one model of a provider is served: its adapter, quirks and transformer chain. */
export interface ModelPlan {
  adapter: Adapter;
  profile: Profile;
  transformers: readonly Transformer[];
}

export interface CompiledProvider {
  name: string;
  baseUrl: string;
  /** Resolved secret; never logged, never written back. Empty for keyless providers (Ollama). */
  apiKey: string;
  models: readonly string[];
  /** Plan for models without model-specific transformers. */
  plan: ModelPlan;
  /** Plans for models that carry their own `transformer.<model>.use`. */
  modelPlans: ReadonlyMap<string, ModelPlan>;
}

/** A `provider,model` pair. */
export interface Route {
  provider: string;
  model: string;
}

export interface RouterSlots {
  default: Route | undefined;
  background: Route | undefined;
  think: Route | undefined;
  longContext: Route | undefined;
  longContextThreshold: number;
  webSearch: Route | undefined;
  image: Route | undefined;
}

/** The route slots of `Router` (and of `fallback`). */
export type RouteSlot = "default" | "background" | "think" | "longContext" | "webSearch" | "image";

/** `fallback`: ordered backup routes per slot (CCR v2). */
export type FallbackRoutes = Readonly<Partial<Record<RouteSlot, readonly Route[]>>>;

/** One `transformers[]` entry: a custom transformer script, validated but not loaded yet. */
export interface CustomTransformerEntry {
  path: string;
  options: Readonly<Record<string, unknown>> | undefined;
}

export interface CompiledConfig {
  /** Absolute path of the file this came from (undefined when built from defaults or the environment). */
  path: string | undefined;
  host: string;
  port: number;
  /** The client key the server requires; undefined when auth is off. */
  apiKey: string | undefined;
  /** Bound on the wait for the response head and on each gap between chunks. */
  timeoutMs: number;
  /** Upstream proxy URL (config `PROXY_URL`, else `HTTPS_PROXY`/`HTTP_PROXY` from the environment). */
  proxyUrl: string | undefined;
  /** Hosts that bypass the proxy (`NO_PROXY`). */
  noProxy: readonly string[];
  log: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace";
  /** Largest accepted request body, in bytes (default 32 MiB). */
  bodyLimit: number;
  nonInteractive: boolean;
  /** Retries of a failing route before failing over (0 disables). */
  retries: number;
  /** Cap on the total wait between retries of one request. */
  retryMaxWaitMs: number;
  /** Consecutive failures that open a route's circuit (0 disables the breaker). */
  circuitFailures: number;
  circuitCooldownMs: number;
  /** `CUSTOM_ROUTER_PATH` as written; absolute (`~` and relative paths resolved) once `loadConfig` has loaded it. */
  customRouterPath: string | undefined;
  /** The imported custom router function (set by `loadConfig`; `compileConfig` does no I/O and leaves it undefined). */
  customRouter: CustomRouterFn | undefined;
  /** The interpolated config document: the `config` argument CCR passes to a custom router. */
  customRouterConfig: unknown;
  providers: ReadonlyMap<string, CompiledProvider>;
  router: RouterSlots;
  /** Every secret value (provider keys, APIKEY) so the logger can redact them. */
  secrets: readonly string[];
  /** Non-fatal findings (unknown keys, ...), shown at start. */
  warnings: readonly string[];
  /** The document as read, before interpolation: the only form ever saved back (placeholders, not secrets). */
  raw: unknown;
  /** The `claude` binary `ccr code` runs (config `CLAUDE_PATH`, else env `CLAUDE_PATH`, else "claude"). */
  claudePath: string;
  /** `StatusLine`, kept as written for the status-line renderer. */
  statusLine: Readonly<Record<string, unknown>> | undefined;
  fallback: FallbackRoutes;
  customTransformers: readonly CustomTransformerEntry[];
  /** `REWRITE_SYSTEM_PROMPT`: file whose text replaces the system prompt before its last `<env>`. */
  rewriteSystemPromptPath: string | undefined;
  /** `forceUseImageAgent`. */
  forceUseImageAgent: boolean;
  /** `ANTHROPIC_SMALL_FAST_MODEL`, passed to Claude Code by `ccr code`. */
  smallFastModel: string | undefined;
  /** `autoStop`: a service `ccr code` started stops when the last `ccr code` session ends (absent in hand-built configs: off). */
  autoStop?: boolean;
  /** Every accepted client key (`APIKEY` as a string or a list); absent in hand-built configs, where `apiKey` alone applies. */
  clientKeys?: readonly ClientKey[];
  /** `Providers[].model_info`, keyed `provider,model`: prices and context windows overriding the built-in table
   * (this and the three usage keys below are absent in hand-built configs, where the defaults apply). */
  modelInfo?: ReadonlyMap<string, ModelInfo>;
  /** `LOG_MAX_FILES` (default 10): server log files kept in CCR_HOME/logs. */
  logMaxFiles?: number;
  /** `LOG_MAX_MB` (default 20): a log file is rotated before it grows past this. */
  logMaxBytes?: number;
  /** `LOG_BODIES`: store request and response bodies (secrets redacted) in the request log. */
  logBodies?: boolean;
  /** `USAGE_RETENTION_DAYS` (default 30): request-log rows older than this are pruned. */
  usageRetentionDays?: number;
  /** `USAGE_MAX_MB` (default 200): the request log is pruned, oldest rows first, to stay under this size. */
  usageMaxBytes?: number;
}

/** One client key of `APIKEY` with its optional limits; a string `APIKEY` is one unrestricted key named "default". */
export interface ClientKey {
  name: string;
  /** False for a plain string `APIKEY`: its requests are recorded without a key name. */
  named: boolean;
  /** Resolved secret; never logged, never written back. */
  key: string;
  /** Allowed `provider,model` routes; undefined allows every route. */
  routes: readonly string[] | undefined;
  /** Requests per minute. */
  rpm: number | undefined;
  /** Input plus output tokens per minute. */
  tpm: number | undefined;
  /** USD per UTC day. */
  dailyBudget: number | undefined;
  /** May use the admin API (/api, /ui, /metrics); defaults to true only for keys without limits. */
  admin: boolean;
}
