// CCR `streamoptions`: accepted for compatibility; the OpenAI Chat adapter always asks for usage in streams.
import * as v from "valibot";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

/** No-op: `stream_options.include_usage` is always sent. */
export function streamOptions(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "streamoptions" };
}
