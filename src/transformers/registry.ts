// Built-in transformers by CCR name (lower-cased); static imports so `bun build --compile` bundles them.
import { anthropic } from "./anthropic.ts";
import { cerebras } from "./cerebras.ts";
import { cleanCache } from "./clean-cache.ts";
import { customParams } from "./custom-params.ts";
import { deepseek } from "./deepseek.ts";
import { gemini } from "./gemini.ts";
import { enhanceTool } from "./enhance-tool.ts";
import { extraThinkTag } from "./extra-think-tag.ts";
import { forceReasoning } from "./force-reasoning.ts";
import { groq } from "./groq.ts";
import { maxCompletionTokens } from "./max-completion-tokens.ts";
import { maxToken } from "./max-token.ts";
import { openai } from "./openai.ts";
import { openaiResponses } from "./openai-responses.ts";
import { openrouter } from "./openrouter.ts";
import { reasoning } from "./reasoning.ts";
import { sampling } from "./sampling.ts";
import { streamOptions } from "./stream-options.ts";
import { toolUse } from "./tool-use.ts";
import type { Transformer } from "./transformer.ts";
import { vercel } from "./vercel.ts";
import { vertexClaude } from "./vertex-claude.ts";
import { vertexGemini } from "./vertex-gemini.ts";

/** Builds a transformer from its config options; throws valibot's `ValiError` when the options do not fit. */
export type TransformerFactory = (options: unknown) => Transformer;

export const transformerRegistry: ReadonlyMap<string, TransformerFactory> = new Map<string, TransformerFactory>([
  ["anthropic", anthropic],
  ["cerebras", cerebras],
  ["cleancache", cleanCache],
  ["customparams", customParams],
  ["deepseek", deepseek],
  ["gemini", gemini],
  ["enhancetool", enhanceTool],
  ["extrathinktag", extraThinkTag],
  ["forcereasoning", forceReasoning],
  ["groq", groq],
  ["maxcompletiontokens", maxCompletionTokens],
  ["maxtoken", maxToken],
  ["openai", openai],
  ["openai-responses", openaiResponses],
  ["openrouter", openrouter],
  ["reasoning", reasoning],
  ["responses", openaiResponses],
  ["sampling", sampling],
  ["streamoptions", streamOptions],
  ["tooluse", toolUse],
  ["vercel", vercel],
  ["vertex-claude", vertexClaude],
  ["vertex-gemini", vertexGemini],
]);

/** The factory for a CCR transformer name, case-insensitively (`Anthropic` = `anthropic`). */
export function findTransformer(name: string): TransformerFactory | undefined {
  return transformerRegistry.get(name.toLowerCase());
}
