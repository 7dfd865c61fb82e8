// Compiles `Router` and `fallback`: each "provider,model" must name a configured provider (and a listed model).
import * as v from "valibot";
import type { ConfigIssue } from "../errors.ts";
import { parseRoute } from "../router/route.ts";
import type { CompiledProvider, FallbackRoutes, Route, RouterSlots, RouteSlot } from "./compiled.ts";
import { isRecord } from "./interpolate.ts";
import { RouteString, RouterSchema } from "./schema.ts";

/** CCR's `longContextThreshold || 60000`: unset or 0 means 60000. */
export const DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

export const ROUTE_SLOTS: readonly RouteSlot[] = ["default", "background", "think", "longContext", "webSearch", "image"];

export interface CompiledRoutes {
  router: RouterSlots;
  fallback: FallbackRoutes;
  issues: ConfigIssue[];
}

interface Known {
  /** Every provider name the document declares, valid or not (an invalid entry is reported once, by the schema). */
  declared: readonly string[];
  providers: ReadonlyMap<string, CompiledProvider>;
}

function configuredList(known: Known): string {
  return known.declared.length > 0 ? `configured providers: ${[...new Set(known.declared)].join(", ")}` : "no providers are configured";
}

/** One route string checked against the providers; `""` is unset. */
function checkRoute(text: string | undefined, path: string, known: Known, issues: ConfigIssue[]): Route | undefined {
  if (text === undefined || text === "") return undefined;
  const route = parseRoute(text);
  if (route === undefined) {
    issues.push({ path, message: `expected a "provider,model" string, got ${JSON.stringify(text)}` });
    return undefined;
  }
  const name =
    known.declared.find((n) => n === route.provider) ?? known.declared.find((n) => n.toLowerCase() === route.provider.toLowerCase());
  if (name === undefined) {
    issues.push({ path, message: `unknown provider "${route.provider}" (${configuredList(known)})` });
    return undefined;
  }
  const models = known.providers.get(name)?.models ?? [];
  if (models.length > 0 && !models.includes(route.model)) {
    issues.push({ path, message: `model "${route.model}" is not listed in the models of provider "${name}" (${models.join(", ")})` });
  }
  return { provider: name, model: route.model };
}

/** A Router with no slot set and the default threshold. */
export function emptySlots(): RouterSlots {
  return {
    default: undefined,
    background: undefined,
    think: undefined,
    longContext: undefined,
    longContextThreshold: DEFAULT_LONG_CONTEXT_THRESHOLD,
    webSearch: undefined,
    image: undefined,
  };
}

function routeText(value: unknown): string | undefined {
  return v.is(RouteString, value) ? value : undefined;
}

/** Router slots and fallback lists; each value is checked on its own, so one bad entry hides no other problem. */
export function compileRoutes(doc: Record<string, unknown>, known: Known, legacyRoute: string | undefined): CompiledRoutes {
  const issues: ConfigIssue[] = [];
  const router = emptySlots();
  const rawRouter = isRecord(doc.Router) ? doc.Router : {};
  for (const slot of ROUTE_SLOTS) router[slot] = checkRoute(routeText(rawRouter[slot]), `Router.${slot}`, known, issues);
  if (router.default === undefined && legacyRoute !== undefined) router.default = checkRoute(legacyRoute, "OPENAI_MODEL", known, issues);
  const threshold = v.safeParse(RouterSchema.entries.longContextThreshold, rawRouter.longContextThreshold);
  router.longContextThreshold = (threshold.success ? threshold.output : undefined) || DEFAULT_LONG_CONTEXT_THRESHOLD;
  const fallback: Partial<Record<RouteSlot, Route[]>> = {};
  // `Router.fallback` (ccr) and top-level `fallback` (CCR v2) mean the same; a slot in `Router.fallback` wins.
  const sources = [
    { at: "Router.fallback", lists: isRecord(rawRouter.fallback) ? rawRouter.fallback : {} },
    { at: "fallback", lists: isRecord(doc.fallback) ? doc.fallback : {} },
  ];
  for (const slot of ROUTE_SLOTS) {
    const source = sources.find((s) => Array.isArray(s.lists[slot]));
    const list = source?.lists[slot];
    if (!source || !Array.isArray(list)) continue;
    fallback[slot] = list.flatMap((text, i) => checkRoute(routeText(text), `${source.at}.${slot}[${i}]`, known, issues) ?? []);
  }
  return { router, fallback, issues };
}
