// CCR `forcereasoning`: asks a model without a reasoning mode to write its reasoning in `<reasoning_content>` tags
// first, and turns those tags into a thinking block.
import * as v from "valibot";
import type { MessagesRequest, TextBlock } from "../formats/anthropic.ts";
import { noOptions } from "./no-options.ts";
import { thinkTagEvents } from "./think-tags.ts";
import type { Transformer } from "./transformer.ts";

// CCR's prompt, so models tuned on CCR setups behave the same.
export const FORCE_REASONING_PROMPT =
  "You are an expert reasoning model. \nAlways think step by step before answering. Even if the problem seems simple, always write down your reasoning process explicitly. \n" +
  "Never skip your chain of thought. \nUse the following output format:\n<reasoning_content>(Write your full detailed thinking here.)</reasoning_content>\n\nWrite your final conclusion here.";

function withPrompt(system: MessagesRequest["system"]): TextBlock[] {
  const blocks: TextBlock[] = typeof system === "string" ? [{ type: "text", text: system }] : [...(system ?? [])];
  return [...blocks, { type: "text", text: FORCE_REASONING_PROMPT }];
}

/** Adds the reasoning instruction to the system prompt; `<reasoning_content>` at the start of the answer becomes thinking. */
export function forceReasoning(options: unknown): Transformer {
  v.parse(noOptions, options);
  return {
    name: "forcereasoning",
    request: (request) => ({ ...request, system: withPrompt(request.system) }),
    events: thinkTagEvents("<reasoning_content>", "</reasoning_content>"),
  };
}
