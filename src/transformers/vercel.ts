// CCR `vercel`: Vercel AI Gateway; its reasoning object follows OpenRouter's, options go into the wire body.
import * as v from "valibot";
import { deepMerge } from "./deep-merge.ts";
import type { Transformer } from "./transformer.ts";

const VercelOptions = v.optional(v.record(v.string(), v.unknown(), "an object of request parameters"), {});

/** https://vercel.com/docs/ai-gateway/openai-compat: options (e.g. `providerOptions`) are merged into every request body. */
export function vercel(options: unknown): Transformer {
  const extra = v.parse(VercelOptions, options);
  return {
    name: "vercel",
    profile: { reasoningParam: "openrouter", cacheControl: "keep" },
    ...(Object.keys(extra).length > 0 ? { wireRequest: (body: Record<string, unknown>) => deepMerge(body, extra) } : {}),
  };
}
