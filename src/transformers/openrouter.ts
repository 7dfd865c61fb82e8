// CCR `openrouter`: OpenRouter's reasoning and cache quirks; options go into the wire body (e.g. `provider.only`).
import * as v from "valibot";
import { deepMerge } from "./deep-merge.ts";
import type { Transformer } from "./transformer.ts";

const OpenrouterOptions = v.optional(v.record(v.string(), v.unknown(), "an object of request parameters"), {});

/** OpenRouter quirks (https://openrouter.ai/docs/api-reference/overview); options are merged into every request body. */
export function openrouter(options: unknown): Transformer {
  const extra = v.parse(OpenrouterOptions, options);
  return {
    name: "openrouter",
    profile: {
      cacheControl: "keep",
      reasoningParam: "openrouter",
      reasoningReplay: "reasoning_details",
      inlineSystem: "in_place",
      topK: "keep",
    },
    ...(Object.keys(extra).length > 0 ? { wireRequest: (body: Record<string, unknown>) => deepMerge(body, extra) } : {}),
  };
}
