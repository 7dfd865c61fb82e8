// CCR `extrathinktag` (llms ≥ 1.0.52): models that write `<think>…</think>` into their answer (Qwen3, DeepSeek-R1
// distills on vLLM/Ollama) get it as a thinking block instead of text.
import * as v from "valibot";
import { noOptions } from "./no-options.ts";
import { thinkTagEvents } from "./think-tags.ts";
import type { Transformer } from "./transformer.ts";

/** `<think>` at the start of a text block becomes thinking; text elsewhere is left alone. */
export function extraThinkTag(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "extrathinktag", events: thinkTagEvents("<think>", "</think>") };
}
