// CCR `cleancache`: removes cache_control markers from what is sent upstream.
import type { Transformer } from "./transformer.ts";
import * as v from "valibot";
import { noOptions } from "./no-options.ts";

/** Drops `cache_control` (the adapter honours the profile). */
export function cleanCache(options: unknown): Transformer {
  v.parse(noOptions, options);
  return { name: "cleancache", profile: { cacheControl: "drop" } };
}
