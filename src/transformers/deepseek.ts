// CCR `deepseek`: DeepSeek's thinking switch and reasoning_content replay.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** DeepSeek reasoning quirks (https://api-docs.deepseek.com/guides/reasoning_model). */
export function deepseek(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "deepseek", profile: { reasoningParam: "deepseek", reasoningReplay: "reasoning_content" } };
}
