// CCR `openai-responses` / `responses`: the upstream speaks the OpenAI Responses API (selects its adapter).
import * as v from "valibot";
import { openAiResponsesAdapter } from "../providers/openai-responses.ts";
import { noOptions } from "./no-options.ts";
import type { Transformer } from "./transformer.ts";

/** Selects the Responses adapter; takes no options. */
export function openaiResponses(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "openai-responses", adapter: openAiResponsesAdapter };
}
