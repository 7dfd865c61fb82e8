// CCR `maxcompletiontokens`: sends the limit as max_completion_tokens (OpenAI o-series, newer GPT models).
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_completion_tokens */
export function maxCompletionTokens(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "maxcompletiontokens", profile: { maxTokensField: "max_completion_tokens" } };
}
