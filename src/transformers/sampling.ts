// CCR `sampling`: fixed sampling parameters that override what the client sent.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";

const SamplingOptions = v.optional(
  v.strictObject(
    {
      temperature: v.optional(v.number("a number")),
      top_p: v.optional(v.number("a number")),
      top_k: v.optional(v.number("a number")),
      max_tokens: v.optional(v.pipe(v.number("a number"), v.integer("a positive integer"), v.minValue(1, "a positive integer"))),
      repetition_penalty: v.optional(v.number("a number")),
    },
    'an object like {"temperature": 0.6, "top_p": 0.95}',
  ),
  {},
);

/** Overrides temperature / top_p / top_k / max_tokens on the request; repetition_penalty goes into the wire body. */
export function sampling(options: unknown): Transformer {
  const { repetition_penalty: penalty, ...overrides } = v.parse(SamplingOptions, options);
  const set = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return {
    name: "sampling",
    request: (request) => ({ ...request, ...set }),
    ...(penalty === undefined ? {} : { wireRequest: (body: Record<string, unknown>) => ({ ...body, repetition_penalty: penalty }) }),
  };
}
