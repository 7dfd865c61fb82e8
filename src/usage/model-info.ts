// The price and context window of a route: the config's `model_info` first, then the built-in table.
import type { CompiledConfig } from "../config/compiled.ts";
import { builtInModelInfo, type ModelInfo } from "./prices.ts";

/** Config `model_info` wins field by field (a price override keeps the built-in context window and vice versa). */
export function modelInfoFor(config: CompiledConfig, provider: string, model: string): ModelInfo {
  const own = config.modelInfo?.get(`${provider},${model}`);
  if (own?.price && own.context_window !== undefined) return own;
  const builtIn = builtInModelInfo(model);
  return { price: own?.price ?? builtIn?.price, context_window: own?.context_window ?? builtIn?.context_window };
}
