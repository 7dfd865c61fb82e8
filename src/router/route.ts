// Picks the provider and model for a request. Pure: reads only the compiled config.
import type { CompiledConfig, CompiledProvider, ModelPlan, Route } from "../config/compiled.ts";
import { NoRouteError } from "../errors.ts";

import type { Scenario } from "./types.ts";

/** A route resolved against the config: the provider, the model, and how that model is served. */
export interface ResolvedRoute {
  scenario: Scenario;
  provider: CompiledProvider;
  model: string;
  plan: ModelPlan;
}

/** Every configured `provider,model` pair, for messages and `/v1/models`. */
export function configuredRoutes(config: Pick<CompiledConfig, "providers">): string[] {
  const out: string[] = [];
  for (const provider of config.providers.values()) {
    for (const model of provider.models) out.push(`${provider.name},${model}`);
  }
  return out;
}

/** One sentence naming what is configured, appended to every "no route" message. */
export function routeListing(config: Pick<CompiledConfig, "providers">): string {
  const routes = configuredRoutes(config);
  if (routes.length > 0) return `Configured routes: ${routes.join(", ")}.`;
  const names = [...config.providers.keys()];
  return names.length > 0 ? `Configured providers: ${names.join(", ")}.` : "No providers are configured.";
}

function findProvider(config: CompiledConfig, name: string): CompiledProvider | undefined {
  const exact = config.providers.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const provider of config.providers.values()) if (provider.name.toLowerCase() === lower) return provider;
  return undefined;
}

/** Resolves a `provider,model` pair, or throws a 400 that lists what is configured. */
export function resolvePair(config: CompiledConfig, route: Route, scenario: Scenario): ResolvedRoute {
  const provider = findProvider(config, route.provider);
  if (!provider) throw new NoRouteError(`Unknown provider "${route.provider}". ${routeListing(config)}`);
  if (provider.models.length > 0 && !provider.models.includes(route.model)) {
    throw new NoRouteError(`Unknown model "${route.model}" for provider "${provider.name}". ${routeListing(config)}`);
  }
  const plan = provider.modelPlans.get(route.model) ?? provider.plan;
  return { scenario, provider, model: route.model, plan };
}

/** Splits `provider,model` at the first comma; undefined when the string is not of that form. */
export function parseRoute(value: string): Route | undefined {
  const comma = value.indexOf(",");
  if (comma < 0) return undefined;
  const provider = value.slice(0, comma).trim();
  const model = value.slice(comma + 1).trim();
  return provider && model ? { provider, model } : undefined;
}

/** The 400 for a request that no rule matched while `Router.default` is unset. */
export function missingDefaultRoute(config: Pick<CompiledConfig, "providers">, requestModel: string): NoRouteError {
  return new NoRouteError(
    `Model "${requestModel}" is not a "provider,model" route and Router.default is not set. ${routeListing(config)}`,
  );
}

/** `provider,model` in the request picks that route; anything else goes to `Router.default`. */
export function route(config: CompiledConfig, requestModel: string): ResolvedRoute {
  const explicit = parseRoute(requestModel);
  if (explicit) return resolvePair(config, explicit, "explicit");
  const fallback = config.router.default;
  if (!fallback) throw missingDefaultRoute(config, requestModel);
  return resolvePair(config, fallback, "default");
}
