// Built-in prices and context windows of common models, and the cost of one request. Pure: data in, numbers out.
// Prices in USD per million tokens, from the vendors' public price pages as of 2025-11-15 (standard tier, first
// context tier where prices are tiered). They change: override any model with `Providers[].model_info`.

/** USD per million tokens; cache prices fall back to the input price when absent. */
export interface Price {
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
}

/** What ccr knows about a model: its price and context window, either of which may be unknown. */
export interface ModelInfo {
  price?: Price;
  context_window?: number;
}

type Row = [name: string, input: number, output: number, cacheRead: number | undefined, cacheWrite: number | undefined, context: number];

const K = 1000;
const M = 1_048_576;

// prettier-ignore
const TABLE: readonly Row[] = [
  // Anthropic
  ["claude-opus-4-5", 5, 25, 0.5, 6.25, 200 * K], ["claude-opus-4-1", 15, 75, 1.5, 18.75, 200 * K],
  ["claude-opus-4", 15, 75, 1.5, 18.75, 200 * K], ["claude-sonnet-4-5", 3, 15, 0.3, 3.75, 200 * K],
  ["claude-sonnet-4", 3, 15, 0.3, 3.75, 200 * K], ["claude-haiku-4-5", 1, 5, 0.1, 1.25, 200 * K],
  ["claude-3-7-sonnet", 3, 15, 0.3, 3.75, 200 * K], ["claude-3-5-haiku", 0.8, 4, 0.08, 1, 200 * K],
  // OpenAI
  ["gpt-5.1", 1.25, 10, 0.125, undefined, 400 * K], ["gpt-5", 1.25, 10, 0.125, undefined, 400 * K],
  ["gpt-5-codex", 1.25, 10, 0.125, undefined, 400 * K], ["gpt-5-mini", 0.25, 2, 0.025, undefined, 400 * K],
  ["gpt-5-nano", 0.05, 0.4, 0.005, undefined, 400 * K], ["gpt-4.1", 2, 8, 0.5, undefined, 1_047_576],
  ["gpt-4.1-mini", 0.4, 1.6, 0.1, undefined, 1_047_576], ["gpt-4.1-nano", 0.1, 0.4, 0.025, undefined, 1_047_576],
  ["gpt-4o", 2.5, 10, 1.25, undefined, 128 * K], ["gpt-4o-mini", 0.15, 0.6, 0.075, undefined, 128 * K],
  ["o1", 15, 60, 7.5, undefined, 200 * K], ["o3", 2, 8, 0.5, undefined, 200 * K], ["o3-pro", 20, 80, undefined, undefined, 200 * K],
  ["o3-mini", 1.1, 4.4, 0.55, undefined, 200 * K], ["o4-mini", 1.1, 4.4, 0.275, undefined, 200 * K],
  ["gpt-oss-120b", 0.15, 0.6, undefined, undefined, 131_072], ["gpt-oss-20b", 0.075, 0.3, undefined, undefined, 131_072],
  // Google Gemini
  ["gemini-3-pro", 2, 12, 0.2, undefined, M], ["gemini-2.5-pro", 1.25, 10, 0.125, undefined, M],
  ["gemini-2.5-flash", 0.3, 2.5, 0.03, undefined, M], ["gemini-2.5-flash-lite", 0.1, 0.4, 0.01, undefined, M],
  ["gemini-2.0-flash", 0.1, 0.4, 0.025, undefined, M],
  // DeepSeek (V3.2 prices; cache_read is the cache-hit price)
  ["deepseek-chat", 0.28, 0.42, 0.028, undefined, 128 * K], ["deepseek-reasoner", 0.28, 0.42, 0.028, undefined, 128 * K],
  ["deepseek-v3.2", 0.28, 0.42, 0.028, undefined, 128 * K], ["deepseek-r1", 0.55, 2.19, 0.14, undefined, 128 * K],
  // Groq
  ["llama-3.3-70b-versatile", 0.59, 0.79, undefined, undefined, 131_072], ["llama-3.1-8b-instant", 0.05, 0.08, undefined, undefined, 131_072],
  // Moonshot
  ["kimi-k2-thinking", 0.6, 2.5, 0.15, undefined, 262_144], ["kimi-k2-turbo", 1.15, 8, 0.15, undefined, 262_144],
  ["kimi-k2", 0.6, 2.5, 0.15, undefined, 262_144], ["kimi-k2-instruct", 1, 3, undefined, undefined, 131_072],
  // Zhipu
  ["glm-4.6", 0.6, 2.2, 0.11, undefined, 200 * K], ["glm-4.5", 0.6, 2.2, 0.11, undefined, 128 * K],
  ["glm-4.5-air", 0.2, 1.1, 0.03, undefined, 128 * K], ["glm-4.5-flash", 0, 0, 0, undefined, 128 * K],
  // Qwen
  ["qwen3-coder-plus", 1, 5, 0.1, undefined, M], ["qwen3-coder", 0.22, 0.95, undefined, undefined, 262_144],
  ["qwen3-max", 1.2, 6, 0.24, undefined, 262_144], ["qwen-plus", 0.4, 1.2, 0.08, undefined, 131_072],
];

/** Lower case, vendor prefix and routing suffix removed, dots in versions turned into dashes, date stamps dropped. */
export function normalizeModel(model: string): string {
  let name = model.toLowerCase().trim();
  name = name.slice(name.lastIndexOf("/") + 1);
  const colon = name.indexOf(":");
  if (colon !== -1) name = name.slice(0, colon);
  name = name.replace(/(\d)\.(\d)/g, "$1-$2");
  return name.replace(/(?:[-@]\d{8}|-\d{4}-\d{2}-\d{2}|-latest|-preview(?:-\d{2}-\d{2})?|-exp)$/, "");
}

const BUILT_IN = new Map<string, ModelInfo>(
  TABLE.map(([name, input, output, cache_read, cache_write, context_window]) => [
    normalizeModel(name),
    { price: { input, output, ...(cache_read === undefined ? {} : { cache_read }), ...(cache_write === undefined ? {} : { cache_write }) }, context_window },
  ]),
);

/** The built-in entry for a model: exact name first, else the longest known name followed by a dash
 * (`gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`); OpenRouter's `:free` variants cost nothing. */
export function builtInModelInfo(model: string): ModelInfo | undefined {
  const name = normalizeModel(model);
  let found = BUILT_IN.get(name);
  if (!found) {
    let best = "";
    for (const key of BUILT_IN.keys()) if (key.length > best.length && name.startsWith(`${key}-`)) best = key;
    found = best ? BUILT_IN.get(best) : undefined;
  }
  if (model.toLowerCase().endsWith(":free")) return { price: { input: 0, output: 0 }, context_window: found?.context_window };
  return found;
}

/** Token counts of one request; null where unknown. */
export interface TokenCounts {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
}

/** US dollars for the tokens at `price`; null when the price or the main counts are unknown (never 0 for unknown). */
export function costOf(tokens: TokenCounts, price: Price | undefined): number | null {
  if (!price || tokens.input === null || tokens.output === null) return null;
  const cacheRead = (tokens.cacheRead ?? 0) * (price.cache_read ?? price.input);
  const cacheWrite = (tokens.cacheWrite ?? 0) * (price.cache_write ?? price.input);
  return (tokens.input * price.input + tokens.output * price.output + cacheRead + cacheWrite) / 1_000_000;
}
