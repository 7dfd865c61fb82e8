// Built-in prices and context windows (data only). USD per million tokens, standard (non-batch, non-priority) tier.
// Checked 2026-12-03 against stored copies of the vendors' pages (no live fetch); where a page could not be confirmed
// the price is left unknown (no `price`), which ccr shows as unknown, never as 0. Sources per vendor:
// - Anthropic: https://platform.claude.com/docs/en/about-claude/pricing and the model pages
//   https://platform.claude.com/docs/en/models/<model>/overview (Opus 5.5, Sonnet 5/5.5, Haiku 5.5, Opus 5).
//   Sonnet 5.5's cache read is $0.10 since 2026-10-07 (cut from $0.20, reported by several trackers of that page).
// - OpenAI: https://developers.openai.com/api/docs/pricing, as mirrored in GitHub's Copilot price table
//   (github/docs data/tables/copilot/models-and-pricing.yml) and OpenAI's Codex rate card; older models from
//   https://openai.com/api/pricing/ (unchanged list prices).
// - Google: https://ai.google.dev/gemini-api/docs/pricing (paid tier; cache_read is the context-caching price).
// - DeepSeek: https://api-docs.deepseek.com/quick_start/pricing (copy of 2026-11-15: V4.1 Flash as `deepseek-flash`,
//   the legacy V4 Flash names billed as Flash; off-peak prices, doubled Monday to Friday 01:00-04:00 and 06:00-10:00 UTC
//   (Beijing 9-12 and 14-18); DeepSeek's exemption of Chinese public holidays is not modelled, so those overestimate).
// - Moonshot: https://platform.kimi.ai/docs/pricing/chat-k3 and .../pricing/chat (K2 series, retired 2026-05-25).
// - Zhipu / Z.ai: https://docs.z.ai/guides/overview/pricing
// - Qwen: https://www.alibabacloud.com/help/en/model-studio/models (international; only the first context tier is
//   confirmed, longer prompts are unknown).
// - Groq: https://groq.com/pricing (gpt-oss-120b); Llama prices could not be confirmed.
// - OpenRouter bills vendor models at the vendor's price; `:free` variants cost nothing (see prices.ts).
// Prices change: override any model with `Providers[].model_info` in the config.
import type { PeakHours, Price, PriceTier } from "./prices.ts";

/** One built-in model: its name (any spelling normalizeModel accepts), context window and price, each optional. */
export interface PriceRow {
  name: string;
  context?: number;
  price?: Price;
}

const K = 1000;
const M = 1_048_576;

/** A price; `tiers` re-price the whole request when its prompt is longer (null: unknown above that length). */
function p(input: number, output: number, cacheRead?: number, cacheWrite?: number, tiers?: readonly PriceTier[]): Price {
  return {
    input,
    output,
    ...(cacheRead === undefined ? {} : { cache_read: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cache_write: cacheWrite }),
    ...(tiers === undefined ? {} : { tiers }),
  };
}

function above(tokens: number, price: Price | null): PriceTier[] {
  return [{ above: tokens, price }];
}

/** A Claude price: cache writes cost 1.25× input for the 5-minute TTL and 2× for the 1-hour TTL on every model. */
function claude(input: number, output: number, cacheRead: number, tiers?: readonly PriceTier[]): Price {
  return { ...p(input, output, cacheRead, input * 1.25, tiers), cache_write_1h: input * 2 };
}

/** DeepSeek's peak hours (since 2026-08-16): twice the off-peak rates. */
const DEEPSEEK_PEAK: PeakHours = { utcHours: [[1, 4], [6, 10]], multiplier: 2 };
const deepseekFlash: Price = { ...p(0.15, 0.6, 0.003), peak: DEEPSEEK_PEAK };

const opus45 = claude(5, 25, 0.5);
const opus4 = claude(15, 75, 1.5);
const fable5 = claude(10, 50, 1);
const fable51 = claude(10, 50, 0.25);
const sonnet4 = claude(3, 15, 0.3, above(200 * K, claude(6, 22.5, 0.6)));

// prettier-ignore
export const PRICE_TABLE: readonly PriceRow[] = [
  // Anthropic
  { name: "claude-fable-5-1", context: 1_000_000, price: fable51 }, { name: "claude-mythos-5-1", context: 1_000_000, price: fable51 },
  { name: "claude-fable-5", context: 1_000_000, price: fable5 }, { name: "claude-mythos-5", context: 1_000_000, price: fable5 },
  { name: "claude-opus-5-5", context: 1_000_000, price: claude(4, 20, 0.2) },
  { name: "claude-opus-5", context: 1_000_000, price: opus45 }, { name: "claude-opus-4-8", context: 1_000_000, price: opus45 },
  { name: "claude-opus-4-7", context: 1_000_000, price: opus45 }, { name: "claude-opus-4-6", context: 1_000_000, price: opus45 },
  { name: "claude-opus-4-5", context: 200 * K, price: opus45 },
  { name: "claude-opus-4-1", context: 200 * K, price: opus4 }, { name: "claude-opus-4", context: 200 * K, price: opus4 },
  { name: "claude-opus-4-0", context: 200 * K, price: opus4 },
  { name: "claude-sonnet-5-5", context: 1_000_000, price: claude(2, 10, 0.1) },
  { name: "claude-sonnet-5", context: 1_000_000, price: claude(2, 10, 0.2) },
  { name: "claude-sonnet-4-6", context: 1_000_000, price: claude(3, 15, 0.3) },
  { name: "claude-sonnet-4-5", context: 200 * K, price: sonnet4 }, { name: "claude-sonnet-4", context: 200 * K, price: sonnet4 },
  { name: "claude-sonnet-4-0", context: 200 * K, price: sonnet4 },
  { name: "claude-3-7-sonnet", context: 200 * K, price: claude(3, 15, 0.3) },
  { name: "claude-haiku-5-5", context: 1_000_000, price: claude(0.1, 0.5, 0.01, above(100 * K, claude(0.5, 2.5, 0.05))) },
  { name: "claude-haiku-4-5", context: 200 * K, price: claude(1, 5, 0.1) },
  { name: "claude-3-5-haiku", context: 200 * K, price: claude(0.8, 4, 0.08) },
  // OpenAI (no cache-write charge before GPT-5.6; prompts over 272K re-priced for GPT-5.4 and 5.5)
  { name: "gpt-5.5", context: 1_000_000, price: p(5, 30, 0.5, undefined, above(272 * K, p(10, 45, 1))) },
  { name: "gpt-5.4", context: 1_000_000, price: p(2.5, 15, 0.25, undefined, above(272 * K, p(5, 22.5, 0.5))) },
  { name: "gpt-5.4-mini", price: p(0.75, 4.5, 0.075) }, { name: "gpt-5.4-nano", price: p(0.2, 1.25, 0.02) },
  { name: "gpt-5.3-codex", price: p(1.75, 14, 0.175) }, { name: "gpt-5.2-codex", price: p(1.75, 14, 0.175) },
  { name: "gpt-5.2", price: p(1.75, 14, 0.175) },
  { name: "gpt-5.1", context: 400 * K, price: p(1.25, 10, 0.125) }, { name: "gpt-5.1-codex", context: 400 * K, price: p(1.25, 10, 0.125) },
  { name: "gpt-5", context: 400 * K, price: p(1.25, 10, 0.125) }, { name: "gpt-5-codex", context: 400 * K, price: p(1.25, 10, 0.125) },
  { name: "gpt-5-mini", context: 400 * K, price: p(0.25, 2, 0.025) }, { name: "gpt-5-nano", context: 400 * K, price: p(0.05, 0.4, 0.005) },
  { name: "gpt-4.1", context: 1_047_576, price: p(2, 8, 0.5) }, { name: "gpt-4.1-mini", context: 1_047_576, price: p(0.4, 1.6, 0.1) },
  { name: "gpt-4.1-nano", context: 1_047_576, price: p(0.1, 0.4, 0.025) },
  { name: "gpt-4o", context: 128 * K, price: p(2.5, 10, 1.25) }, { name: "gpt-4o-mini", context: 128 * K, price: p(0.15, 0.6, 0.075) },
  { name: "o1", context: 200 * K, price: p(15, 60, 7.5) }, { name: "o3", context: 200 * K, price: p(2, 8, 0.5) },
  { name: "o3-pro", context: 200 * K, price: p(20, 80) }, { name: "o3-mini", context: 200 * K, price: p(1.1, 4.4, 0.55) },
  { name: "o4-mini", context: 200 * K, price: p(1.1, 4.4, 0.275) },
  { name: "gpt-oss-120b", context: 131_072, price: p(0.15, 0.6, 0.075) }, { name: "gpt-oss-20b", context: 131_072 },
  // Google Gemini (prompts over 200K re-priced for the Pro models)
  { name: "gemini-3.5-flash", context: M, price: p(1.5, 9, 0.15) },
  { name: "gemini-3.1-pro", context: M, price: p(2, 12, 0.2, undefined, above(200 * K, p(4, 18, 0.4))) },
  { name: "gemini-3.1-flash-lite", context: M, price: p(0.25, 1.5) },
  { name: "gemini-3-pro", context: M, price: p(2, 12, 0.2, undefined, above(200 * K, p(4, 18, 0.4))) },
  { name: "gemini-3-flash", context: M, price: p(0.5, 3) },
  { name: "gemini-2.5-pro", context: M, price: p(1.25, 10, 0.125, undefined, above(200 * K, p(2.5, 15, 0.25))) },
  { name: "gemini-2.5-flash", context: M, price: p(0.3, 2.5, 0.03) },
  { name: "gemini-2.5-flash-lite", context: M, price: p(0.1, 0.4, 0.01) },
  { name: "gemini-2.0-flash", context: M, price: p(0.1, 0.4, 0.025) },
  // DeepSeek (cache_read is the cache-hit price)
  { name: "deepseek-v4-pro", context: M, price: { ...p(0.66, 1.98, 0.022), peak: DEEPSEEK_PEAK } },
  { name: "deepseek-flash", context: M, price: deepseekFlash }, { name: "deepseek-v4-flash", context: M, price: deepseekFlash },
  { name: "deepseek-chat", context: M, price: deepseekFlash }, { name: "deepseek-reasoner", context: M, price: deepseekFlash },
  { name: "deepseek-v3.2", context: 128 * K, price: p(0.28, 0.42, 0.028) },
  { name: "deepseek-r1", context: 64 * K, price: p(0.55, 2.19, 0.14) },
  // Groq-hosted Llama: prices unconfirmed
  { name: "llama-3.3-70b-versatile", context: 131_072 }, { name: "llama-3.1-8b-instant", context: 131_072 },
  // Moonshot
  { name: "kimi-k3", price: p(3, 15, 0.3) },
  { name: "kimi-k2-thinking", context: 262_144, price: p(0.6, 2.5, 0.15) },
  { name: "kimi-k2-thinking-turbo", context: 262_144, price: p(1.15, 8, 0.15) },
  { name: "kimi-k2-turbo", context: 262_144, price: p(1.15, 8, 0.15) },
  { name: "kimi-k2", context: 262_144, price: p(0.6, 2.5, 0.15) },
  // Zhipu / Z.ai
  { name: "glm-5.3", price: p(1.4, 4.4) }, { name: "glm-5.3-flash", price: p(0.15, 0.5) },
  { name: "glm-5.2", context: 1_000_000, price: p(1.4, 4.4) }, { name: "glm-5v-turbo", context: 200 * K, price: p(1.2, 4, 0.24) },
  { name: "glm-4.6", context: 200 * K, price: p(0.6, 2.2, 0.11) }, { name: "glm-4.5", context: 128 * K, price: p(0.6, 2.2, 0.11) },
  { name: "glm-4.5-air", context: 128 * K, price: p(0.2, 1.1, 0.03) }, { name: "glm-4.5-flash", context: 128 * K, price: p(0, 0, 0) },
  // Qwen (first context tier only; longer prompts unknown)
  { name: "qwen3-max", context: 262_144, price: p(1.2, 6, undefined, undefined, above(32 * K, null)) },
  { name: "qwen3.5-plus", price: p(0.4, 2.4, undefined, undefined, above(256 * K, null)) },
  { name: "qwen3.5-flash", price: p(0.1, 0.4, undefined, undefined, above(128 * K, null)) },
  { name: "qwen3-coder-plus", context: M }, { name: "qwen3-coder", context: 262_144 },
];
