// Usage mapping (conversion spec §1.7): upstream token counts → Anthropic's four usage keys.
import type { Usage } from "../formats/anthropic.ts";
import type { GeminiUsage } from "../formats/gemini.ts";
import type { ChatUsage } from "../formats/openai-chat.ts";
import type { ResponsesUsage } from "../formats/openai-responses.ts";

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

/** Gemini `usageMetadata` → Anthropic usage (§1.7): prompt includes cached content; thoughts are output tokens
 * that `candidatesTokenCount` leaves out. */
export function usageFromGemini(usage: GeminiUsage | null | undefined, estimate: UsageEstimate): Usage {
  const cached = count(usage?.cachedContentTokenCount) ?? 0;
  const prompt = count(usage?.promptTokenCount);
  const toolPrompt = count(usage?.toolUsePromptTokenCount) ?? 0;
  const candidates = count(usage?.candidatesTokenCount);
  const thoughts = count(usage?.thoughtsTokenCount) ?? 0;
  return {
    input_tokens: prompt === undefined ? estimate.inputTokens : Math.max(0, prompt - cached + toolPrompt),
    output_tokens: candidates === undefined && thoughts === 0 ? estimate.outputTokens : (candidates ?? 0) + thoughts,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** OpenAI Responses `usage` → Anthropic usage: cached input is reported apart, there are no cache writes. */
export function usageFromResponses(usage: ResponsesUsage | null | undefined, estimate: UsageEstimate): Usage {
  const cached = count(usage?.input_tokens_details?.cached_tokens) ?? 0;
  const input = count(usage?.input_tokens) ?? estimate.inputTokens;
  return {
    input_tokens: Math.max(0, input - cached),
    output_tokens: count(usage?.output_tokens) ?? estimate.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}
