// CCR `openai`: names the OpenAI Chat protocol, which is already the default adapter.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** No-op marker kept so CCR configs that list `openai` keep working. */
export function openai(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "openai" };
}
