// CCR `deepseek`: DeepSeek's thinking switch, reasoning_content replay and per-model output caps.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

// https://api-docs.deepseek.com/quick_start/pricing: deepseek-chat allows 8K output tokens, deepseek-reasoner 64K
// (the ref impl clamped every model to 8192, spec §12 D1).
const MAX_OUTPUT: Readonly<Record<string, number>> = { "deepseek-chat": 8192, "deepseek-reasoner": 65536 };

/** DeepSeek reasoning quirks (https://api-docs.deepseek.com/guides/thinking_mode): reasoning_content must be replayed on
 * tool-call turns; `max_tokens` is clamped to the model's limit. */
export function deepseek(options: unknown): Transformer {
  v.parse(noOptions, options);
  return {
    name: "deepseek",
    profile: { reasoningParam: "deepseek", reasoningReplay: "reasoning_content" },
    request: (request, ctx) => {
      const cap = MAX_OUTPUT[ctx.model];
      return cap !== undefined && request.max_tokens > cap ? { ...request, max_tokens: cap } : request;
    },
  };
}
