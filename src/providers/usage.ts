// Usage mapping (conversion spec §1.7): upstream token counts → Anthropic's four usage keys.
import type { Usage } from "../formats/anthropic.ts";
import type { ChatUsage } from "../formats/openai-chat.ts";

/** Local figures used for whatever the upstream did not report. */
export interface UsageEstimate {
  inputTokens: number;
  outputTokens: number;
}

/** A rough token count for text we emitted: about four characters per token. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function count(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** OpenAI Chat `usage` → Anthropic usage; `input_tokens` excludes cache reads and writes, so the three input keys sum
 * to prompt_tokens; missing figures fall back to estimates. */
export function usageFromChat(usage: ChatUsage | null | undefined, estimate: UsageEstimate): Usage {
  const cached =
    count(usage?.prompt_tokens_details?.cached_tokens) ??
    count(usage?.prompt_cache_hit_tokens) ?? // DeepSeek
    count(usage?.cached_tokens) ?? // Moonshot
    0;
  const written = count(usage?.prompt_tokens_details?.cache_write_tokens) ?? 0;
  const prompt = count(usage?.prompt_tokens) ?? estimate.inputTokens;
  return {
    // prompt_tokens counts cache reads and (OpenRouter) cache writes; Anthropic's input_tokens counts neither.
    input_tokens: Math.max(0, prompt - cached - written),
    output_tokens: count(usage?.completion_tokens) ?? estimate.outputTokens,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cached,
  };
}
