// Prices and context windows of known models, and the cost of one request. Pure: data in, numbers out.
// The table itself, with its sources and the date it was checked, is in price-table.ts.
import { PRICE_TABLE } from "./price-table.ts";

/** USD per million tokens. Without a cache price, cached tokens cost the input price (an upper bound: vendors
 * without a published cache price charge cache hits as ordinary input). */
export interface Price {
  input: number;
  output: number;
  cache_read?: number;
  /** Cache writes (Anthropic's default 5-minute TTL). */
  cache_write?: number;
  /** Cache writes with Anthropic's 1-hour TTL; falls back to `cache_write`. Built-in only. */
  cache_write_1h?: number;
  /** Longer prompts re-price the whole request (Anthropic, Gemini, OpenAI long-context pricing); built-in only. */
  tiers?: readonly PriceTier[];
  /** Requests made at peak times cost more (DeepSeek); built-in only. */
  peak?: PeakHours;
}

/** Monday to Friday, within any of `utcHours` ([from, to) in UTC hours), every rate is multiplied by `multiplier`. */
export interface PeakHours {
  utcHours: readonly (readonly [number, number])[];
  multiplier: number;
}

/** Above `above` prompt tokens (input + cache reads + cache writes) the request costs `price`; null: unknown. */
export interface PriceTier {
  above: number;
  price: Price | null;
}

/** What ccr knows about a model: its price and context window, either of which may be unknown. */
export interface ModelInfo {
  price?: Price;
  context_window?: number;
}

/** Lower case, vendor prefix, routing suffix and `[1m]` tag removed, dots in versions turned into dashes, date
 * stamps (and Bedrock's `-v1`) dropped. */
export function normalizeModel(model: string): string {
  let name = model.toLowerCase().trim();
  name = name.slice(name.lastIndexOf("/") + 1);
  const colon = name.indexOf(":");
  if (colon !== -1) name = name.slice(0, colon);
  name = name.replace(/\[[^\]]*\]$/, "").replace(/^(?:[a-z]{2,6}\.)?anthropic\./, "");
  name = name.replace(/(\d)\.(\d)/g, "$1-$2");
  return name.replace(/(?:[-@]\d{8}(?:-v\d+)?|-\d{4}-\d{2}-\d{2}|-latest|-preview(?:-\d{2}-\d{2})?|-exp)$/, "");
}

const BUILT_IN = new Map<string, ModelInfo>(
  PRICE_TABLE.map(({ name, context, price }) => [
    normalizeModel(name),
    { ...(price ? { price } : {}), ...(context === undefined ? {} : { context_window: context }) },
  ]),
);

/** What may follow a known name and still be that model: a date or version stamp (`-0905`, `-20250929`), a preview,
 * experimental or `-v2` tag. Anything else (`-mini`, `-6`, `-instruct`) is a different model, priced differently. */
const SAME_MODEL_SUFFIX = /^(?:\d{4,}|preview|exp|latest|v\d+)(?:-.*)?$/;

/** The built-in entry for a model: exact name first, else the longest known name followed by a dash and a stamp
 * (`kimi-k2-0905-preview` → `kimi-k2`); OpenRouter's `:free` variants cost nothing. */
export function builtInModelInfo(model: string): ModelInfo | undefined {
  const name = normalizeModel(model);
  let found = BUILT_IN.get(name);
  if (!found) {
    let best = "";
    for (const key of BUILT_IN.keys()) {
      if (key.length > best.length && name.startsWith(`${key}-`) && SAME_MODEL_SUFFIX.test(name.slice(key.length + 1))) best = key;
    }
    found = best ? BUILT_IN.get(best) : undefined;
  }
  if (model.toLowerCase().endsWith(":free")) return { price: { input: 0, output: 0 }, context_window: found?.context_window };
  return found;
}

/** Token counts of one request in the request log's convention (see schema.ts): `input` excludes cache reads and
 * writes, so the three never overlap; null where unknown. */
export interface TokenCounts {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  /** How many of the cache writes had a 1-hour TTL, when the upstream said (Anthropic's `cache_creation`). */
  cacheWrite1h?: number;
}

/** The price that applies to a prompt of `promptTokens`: the highest tier it exceeds, else the base price. */
function priceFor(price: Price, promptTokens: number): Price | null {
  let chosen: PriceTier | undefined;
  for (const tier of price.tiers ?? []) if (promptTokens > tier.above && (!chosen || tier.above > chosen.above)) chosen = tier;
  return chosen ? chosen.price : price;
}

/** The peak multiplier at `at` (ms since the epoch), 1 off-peak or without peak pricing. */
function peakFactor(peak: PeakHours | undefined, at: number | undefined): number {
  if (!peak || at === undefined) return 1;
  const date = new Date(at);
  const day = date.getUTCDay();
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const inPeak = day >= 1 && day <= 5 && peak.utcHours.some(([from, to]) => hour >= from && hour < to);
  return inPeak ? peak.multiplier : 1;
}

/** US dollars for the tokens at `price` for a request made at `at`; null when the price or the main counts are
 * unknown (never 0 for unknown). */
export function costOf(tokens: TokenCounts, price: Price | undefined, at?: number): number | null {
  if (!price || tokens.input === null || tokens.output === null) return null;
  const cacheReadTokens = tokens.cacheRead ?? 0;
  const cacheWriteTokens = tokens.cacheWrite ?? 0;
  const used = priceFor(price, tokens.input + cacheReadTokens + cacheWriteTokens);
  if (!used) return null;
  const cacheRead = cacheReadTokens * (used.cache_read ?? used.input);
  const oneHour = Math.min(tokens.cacheWrite1h ?? 0, cacheWriteTokens);
  const writePrice = used.cache_write ?? used.input;
  const cacheWrite = (cacheWriteTokens - oneHour) * writePrice + oneHour * (used.cache_write_1h ?? writePrice);
  const base = (tokens.input * used.input + tokens.output * used.output + cacheRead + cacheWrite) / 1_000_000;
  return base * peakFactor(price.peak, at);
}
