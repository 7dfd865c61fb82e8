// CCR `reasoning`: thinking is switched with `enable_thinking` (vLLM, SGLang, Qwen and similar servers) and replayed
// as `reasoning_content`; `{"enable": false}` always asks for no thinking.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";

const ReasoningOptions = v.optional(v.strictObject({ enable: v.optional(v.boolean("true or false")) }, 'an object like {"enable": true}'));

/** CCR semantics without its non-standard `thinking` request object (conversion spec §2.7). */
export function reasoning(options: unknown): Transformer {
  const enable = v.parse(ReasoningOptions, options)?.enable ?? true;
  if (enable) return { name: "reasoning", profile: { reasoningParam: "qwen", reasoningReplay: "reasoning_content" } };
  return {
    name: "reasoning",
    profile: { reasoningParam: "none", reasoningReplay: "reasoning_content" },
    wireRequest: (body) => ({ ...body, enable_thinking: false }),
  };
}
