// CCR `maxtoken`: caps max_tokens at a configured value.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";

const MaxTokenOptions = v.strictObject(
  { max_tokens: v.pipe(v.number("a number"), v.integer("an integer"), v.minValue(1, "a positive integer")) },
  'an object like {"max_tokens": 8192}',
);

/** `["maxtoken", {"max_tokens": N}]`: requests asking for more than N get N. */
export function maxToken(options: unknown): Transformer {
  const { max_tokens: cap } = v.parse(MaxTokenOptions, options);
  return {
    name: "maxtoken",
    request: (request) => (request.max_tokens > cap ? { ...request, max_tokens: cap } : request),
  };
}
