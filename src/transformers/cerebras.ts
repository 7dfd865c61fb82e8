// CCR `cerebras`: Cerebras names the output cap max_completion_tokens and takes no cache_control.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** https://inference-docs.cerebras.ai/api-reference/chat-completions */
export function cerebras(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "cerebras", profile: { maxTokensField: "max_completion_tokens", cacheControl: "drop" } };
}
