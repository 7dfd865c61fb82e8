// CCR `customparams`: arbitrary parameters deep-merged into every wire body.
import * as v from "valibot";
import { deepMerge } from "./deep-merge.ts";
import type { Transformer } from "./transformer.ts";

const CustomParamsOptions = v.optional(v.record(v.string(), v.unknown(), "an object of request parameters"), {});

/** `["customparams", {...}]`: the options are merged over the body the adapter produced. */
export function customParams(options: unknown): Transformer {
  const extra = v.parse(CustomParamsOptions, options);
  return { name: "customparams", wireRequest: (body) => deepMerge(body, extra) };
}
