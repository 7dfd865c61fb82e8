// The valibot schema of config.json: every CCR v1 key with its meaning, plus ccr's own BODY_LIMIT_MB.
import * as v from "valibot";

/** `"8080"` → 8080 so `"PORT": "$PORT"` works after interpolation; anything else passes through to be rejected. */
function numericString(input: unknown): unknown {
  return typeof input === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(input) ? Number(input) : input;
}

/** `"true"`/`"false"` → booleans, for values that come from environment variables. */
function booleanString(input: unknown): unknown {
  if (input === "true") return true;
  if (input === "false") return false;
  return input;
}

function integerLike(min: number, max: number, what: string) {
  return v.pipe(v.unknown(), v.transform(numericString), v.number(what), v.integer(what), v.minValue(min, what), v.maxValue(max, what));
}

const BooleanLike = v.pipe(v.unknown(), v.transform(booleanString), v.boolean("true or false"));

const Text = v.string("a string");
const NonEmpty = v.pipe(v.string("a string"), v.minLength(1, "a non-empty string"));

function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === "http:" || protocol === "https:";
}

/** An absolute http(s) URL (`localhost:11434` parses as a URL with scheme `localhost:`, so parsing alone is not enough). */
const HttpUrl = v.pipe(v.string("a URL"), v.check(isHttpUrl, "a URL"));
/** A URL or the empty string (meaning unset), as in CCR's templates. */
const OptionalUrl = v.pipe(
  v.string("a URL"),
  v.check((text) => text === "" || URL.canParse(text), "a URL"),
);

/** `"provider,model"`; `""` means unset (CCR templates write empty routes). */
export const RouteString = v.pipe(
  v.string('a "provider,model" string'),
  v.check((text) => text === "" || /^[^,]+,.+$/.test(text), 'a "provider,model" string'),
);

const TransformerName = v.pipe(v.string("a transformer name"), v.minLength(1, "a transformer name"));

/** `"name"` or `["name", {options}]`. */
export const UseItemSchema = v.union(
  [TransformerName, v.strictTuple([TransformerName]), v.strictTuple([TransformerName, v.unknown()])],
  'a transformer name or ["name", {options}]',
);

const UseList = v.array(UseItemSchema, 'an array of transformer names or ["name", {options}] pairs');

/** `{use: [...], "<model>": {use: [...]}}`: provider-level chain plus per-model chains. */
export const ProviderTransformerSchema = v.objectWithRest(
  { use: v.optional(UseList) },
  v.object({ use: v.optional(UseList) }, 'an object like {"use": [...]}'),
  'an object like {"use": [...]}',
);

const PerMillion = v.pipe(v.unknown(), v.transform(numericString), v.number("USD per million tokens"), v.minValue(0, "a price of 0 or more"));

/** `model_info.<model>`: price (USD per million tokens) and context window, overriding ccr's built-in table. */
export const ModelInfoSchema = v.object(
  {
    price: v.optional(
      v.object({ input: PerMillion, output: PerMillion, cache_read: v.optional(PerMillion), cache_write: v.optional(PerMillion) }, 'an object like {"input": 3, "output": 15}'),
    ),
    context_window: v.optional(integerLike(1, Number.MAX_SAFE_INTEGER, "a positive number of tokens")),
  },
  'an object like {"price": {...}, "context_window": 200000}',
);

export const ProviderSchema = v.object(
  {
    name: v.pipe(
      NonEmpty,
      v.check((name) => !name.includes(","), "a name without commas"),
    ),
    api_base_url: HttpUrl,
    api_key: v.optional(Text, ""),
    models: v.optional(v.array(NonEmpty, "an array of model names"), []),
    transformer: v.optional(ProviderTransformerSchema),
    model_info: v.optional(v.record(v.string(), ModelInfoSchema, "an object keyed by model name")),
  },
  "a provider object",
);

const OptionalRoute = v.optional(RouteString);

export const RouterSchema = v.object(
  {
    default: OptionalRoute,
    background: OptionalRoute,
    think: OptionalRoute,
    longContext: OptionalRoute,
    longContextThreshold: v.optional(integerLike(0, Number.MAX_SAFE_INTEGER, "a non-negative integer")),
    webSearch: OptionalRoute,
    image: OptionalRoute,
    fallback: v.optional(v.lazy(() => FallbackSchema)),
  },
  "an object",
);

const RouteList = v.optional(v.array(RouteString, 'an array of "provider,model" strings'));

export const FallbackSchema = v.object(
  { default: RouteList, background: RouteList, think: RouteList, longContext: RouteList, webSearch: RouteList, image: RouteList },
  "an object",
);

export const CustomTransformerSchema = v.object(
  { path: NonEmpty, options: v.optional(v.record(v.string(), v.unknown(), "an object")) },
  'an object like {"path": "...", "options": {...}}',
);

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"] as const;

const ProviderList = v.optional(v.array(ProviderSchema, "an array of providers"));

const Usd = v.pipe(v.unknown(), v.transform(numericString), v.number("an amount in USD"), v.minValue(0, "an amount in USD (0 or more)"));

/** One named client key of an `APIKEY` list, each limit optional (ccr addition). */
export const ClientKeySchema = v.strictObject(
  {
    name: v.pipe(NonEmpty, v.check((name) => !/[\s,]/.test(name), "a name without spaces or commas")),
    key: v.pipe(v.string("a string"), v.minLength(8, "a key of at least 8 characters")),
    routes: v.optional(v.array(v.pipe(RouteString, v.minLength(1, 'a "provider,model" string')), 'an array of "provider,model" strings')),
    rpm: v.optional(integerLike(1, 1_000_000_000, "a whole number of requests per minute")),
    tpm: v.optional(integerLike(1, Number.MAX_SAFE_INTEGER, "a whole number of tokens per minute")),
    daily_budget: v.optional(Usd),
    admin: v.optional(BooleanLike),
  },
  'an object like {"name": "ci", "key": "$CI_KEY"}',
);

export const ConfigSchema = v.object(
  {
    Providers: ProviderList,
    providers: ProviderList,
    Router: v.optional(RouterSchema),
    HOST: v.optional(NonEmpty),
    PORT: v.optional(integerLike(1, 65535, "a port number (1-65535)")),
    APIKEY: v.optional(v.union([Text, v.array(ClientKeySchema, "an array of client keys")], 'a string or an array of {"name", "key"} objects')),
    API_TIMEOUT_MS: v.optional(integerLike(1, Number.MAX_SAFE_INTEGER, "a positive number of milliseconds")),
    PROXY_URL: v.optional(OptionalUrl),
    HTTPS_PROXY: v.optional(OptionalUrl),
    https_proxy: v.optional(OptionalUrl),
    httpsProxy: v.optional(OptionalUrl),
    LOG: v.optional(BooleanLike),
    LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `one of ${LOG_LEVELS.map((l) => `"${l}"`).join(", ")}`)),
    LOG_MAX_FILES: v.optional(integerLike(1, 1000, "a whole number of files (1-1000)")),
    LOG_MAX_MB: v.optional(integerLike(1, 100_000, "a whole number of megabytes")),
    NON_INTERACTIVE_MODE: v.optional(BooleanLike),
    transformers: v.optional(v.array(CustomTransformerSchema, "an array")),
    CUSTOM_ROUTER_PATH: v.optional(Text),
    CLAUDE_PATH: v.optional(Text),
    StatusLine: v.optional(v.record(v.string(), v.unknown(), "an object")),
    fallback: v.optional(FallbackSchema),
    BODY_LIMIT_MB: v.optional(integerLike(1, 4096, "a whole number of megabytes (1-4096)")),
    RETRIES: v.optional(integerLike(0, 10, "a whole number of retries (0-10)")),
    RETRY_MAX_WAIT_MS: v.optional(integerLike(0, 600_000, "milliseconds (0-600000)")),
    CIRCUIT_FAILURES: v.optional(integerLike(0, 1000, "a whole number of failures (0 disables)")),
    CIRCUIT_COOLDOWN_MS: v.optional(integerLike(0, 86_400_000, "milliseconds")),
    OPENAI_API_KEY: v.optional(Text),
    OPENAI_BASE_URL: v.optional(v.union([v.literal(""), HttpUrl], "a URL")),
    OPENAI_MODEL: v.optional(Text),
    REWRITE_SYSTEM_PROMPT: v.optional(Text),
    forceUseImageAgent: v.optional(BooleanLike),
    ANTHROPIC_SMALL_FAST_MODEL: v.optional(Text),
    autoStop: v.optional(BooleanLike),
    LOG_BODIES: v.optional(BooleanLike),
    USAGE_RETENTION_DAYS: v.optional(integerLike(1, 3650, "a whole number of days (1-3650)")),
    USAGE_MAX_MB: v.optional(integerLike(1, 1_000_000, "a whole number of megabytes")),
  },
  "a JSON object",
);

/** The validated config document (before compilation). */
export type ConfigInput = v.InferOutput<typeof ConfigSchema>;
export type ProviderInput = v.InferOutput<typeof ProviderSchema>;
export type UseItem = v.InferOutput<typeof UseItemSchema>;
