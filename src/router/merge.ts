// Project and session `Router` overrides layered over the global one, key by key.
import type { RouterSlots } from "../config/compiled.ts";
import type { RouterOverride } from "./types.ts";

/** The effective Router: each key from the session override, else the project's, else the global; undefined never erases. */
export function mergeRouter(global: RouterSlots, project?: RouterOverride, session?: RouterOverride): RouterSlots {
  const pick = <K extends keyof RouterSlots>(key: K): RouterSlots[K] => session?.[key] ?? project?.[key] ?? global[key];
  return {
    default: pick("default"),
    background: pick("background"),
    think: pick("think"),
    longContext: pick("longContext"),
    longContextThreshold: pick("longContextThreshold"),
    webSearch: pick("webSearch"),
    image: pick("image"),
  };
}
