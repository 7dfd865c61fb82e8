// CCR `gemini`: the upstream speaks Google's generateContent API (selects the Gemini adapter, `x-goog-api-key` auth).
import * as v from "valibot";
import { geminiAdapter } from "../providers/gemini.ts";
import { noOptions } from "./no-options.ts";
import type { Transformer } from "./transformer.ts";

/** `"transformer": {"use": ["gemini"]}` routes the provider through the Gemini protocol. */
export function gemini(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "gemini", adapter: geminiAdapter, profile: { auth: "x-goog-api-key" } };
}
