// CCR `Anthropic`: the upstream speaks Anthropic Messages (selects the passthrough adapter); picks its auth header.
import * as v from "valibot";
import { anthropicAdapter } from "../providers/anthropic.ts";
import type { Transformer } from "./transformer.ts";

const AnthropicOptions = v.optional(
  v.strictObject({ UseBearer: v.optional(v.boolean("true or false")) }, 'an object like {"UseBearer": true}'),
);

/** `Anthropic` sends `x-api-key`; `["Anthropic", {"UseBearer": true}]` sends `Authorization: Bearer`. */
export function anthropic(options: unknown): Transformer {
  const parsed = v.parse(AnthropicOptions, options);
  return { name: "Anthropic", adapter: anthropicAdapter, profile: { auth: parsed?.UseBearer === true ? "bearer" : "x-api-key" } };
}
