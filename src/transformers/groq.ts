// CCR `groq`: accepted for compatibility; Groq needs nothing beyond the default OpenAI Chat conversion yet.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** Groq (https://console.groq.com/docs/openai): no quirks needed so far. */
export function groq(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "groq" };
}
