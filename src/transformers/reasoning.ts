// CCR `reasoning`: upstream reasoning arrives and is replayed as `reasoning_content`.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";

// CCR's `enable` option is accepted so existing configs stay valid.
const ReasoningOptions = v.optional(v.strictObject({ enable: v.optional(v.boolean("true or false")) }, 'an object like {"enable": true}'));

/** Replays thinking to the upstream as `reasoning_content` (vLLM, SGLang, Qwen and similar servers). */
export function reasoning(options: unknown): Transformer {
  v.parse(ReasoningOptions, options);
  return { name: "reasoning", profile: { reasoningReplay: "reasoning_content" } };
}
