// Built-in transformers by CCR name (lower-cased); static imports so `bun build --compile` bundles them.
import { anthropic } from "./anthropic.ts";
import { cleanCache } from "./clean-cache.ts";
import { customParams } from "./custom-params.ts";
import { deepseek } from "./deepseek.ts";
import { groq } from "./groq.ts";
import { maxCompletionTokens } from "./max-completion-tokens.ts";
import { maxToken } from "./max-token.ts";
import { openai } from "./openai.ts";
import { openrouter } from "./openrouter.ts";
import { reasoning } from "./reasoning.ts";
import { sampling } from "./sampling.ts";
import { streamOptions } from "./stream-options.ts";
import type { Transformer } from "./transformer.ts";

/** Builds a transformer from its config options; throws valibot's `ValiError` when the options do not fit. */
export type TransformerFactory = (options: unknown) => Transformer;

export const transformerRegistry: ReadonlyMap<string, TransformerFactory> = new Map<string, TransformerFactory>([
  ["anthropic", anthropic],
  ["cleancache", cleanCache],
  ["customparams", customParams],
  ["deepseek", deepseek],
  ["groq", groq],
  ["maxcompletiontokens", maxCompletionTokens],
  ["maxtoken", maxToken],
  ["openai", openai],
  ["openrouter", openrouter],
  ["reasoning", reasoning],
  ["sampling", sampling],
  ["streamoptions", streamOptions],
]);

/** The factory for a CCR transformer name, case-insensitively (`Anthropic` = `anthropic`). */
export function findTransformer(name: string): TransformerFactory | undefined {
  return transformerRegistry.get(name.toLowerCase());
}
