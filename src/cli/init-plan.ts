// What `ccr init` will write: the chosen providers and routes, the config document built from them, and its summary.
import { readFile } from "node:fs/promises";
import type { RouteSlot } from "../config/compiled.ts";
import { parseConfigText } from "../config/load.ts";
import { providerEntry, type ProviderPreset } from "../config/presets.ts";
import { ConfigError, describeError } from "../errors.ts";
import { routeSlots } from "./init-flags.ts";
import { UsageError } from "./usage-error.ts";

/** One provider as the user set it up. */
export interface ProviderChoice {
  preset: ProviderPreset;
  name: string;
  baseUrl: string;
  /** As written to config.json: `"$VAR"`, a literal key, or `""` for none. */
  apiKey: string;
  models: string[];
}

/** Everything `ccr init` learned: the providers and the Router slots. */
export interface InitPlan {
  providers: ProviderChoice[];
  /** `slot → "provider,model"`; `default` is filled from the first model when absent. */
  router: Partial<Record<RouteSlot, string>>;
}

/** The config file as it is now: absent, a JSON object, or present but unreadable as one. */
export interface ExistingConfig {
  exists: boolean;
  doc: Record<string, unknown> | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the current config.json; a file that does not parse counts as existing with nothing to keep. */
export async function readExisting(path: string): Promise<ExistingConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return { exists: false, doc: undefined };
    throw new ConfigError(`Cannot read ${path}: ${describeError(err)}`);
  }
  try {
    const doc = parseConfigText(text, path);
    return { exists: true, doc: isRecord(doc) ? doc : undefined };
  } catch (err) {
    if (err instanceof ConfigError) return { exists: true, doc: undefined };
    throw err;
  }
}

/** Every `provider,model` pair of the plan, in order. */
export function routesOf(plan: Pick<InitPlan, "providers">): string[] {
  return plan.providers.flatMap((p) => p.models.map((m) => `${p.name},${m}`));
}

/** The Router to write: the given slots, `default` from the first model when unset; every route must name a planned provider. */
export function routerOf(plan: InitPlan): Partial<Record<RouteSlot, string>> {
  const first = routesOf(plan)[0];
  const router: Partial<Record<RouteSlot, string>> = { ...plan.router };
  if (router.default === undefined && first !== undefined) router.default = first;
  const names = plan.providers.map((p) => p.name);
  for (const slot of routeSlots) {
    const route = router[slot];
    if (route === undefined) continue;
    const provider = route.slice(0, route.indexOf(","));
    if (!names.includes(provider)) {
      throw new UsageError(`--router ${slot}: provider "${provider}" is not being set up (providers: ${names.join(", ")})`);
    }
  }
  return router;
}

/** The document to save: the old one's other settings kept, Providers and Router replaced. */
export function buildDocument(existing: Record<string, unknown> | undefined, plan: InitPlan): Record<string, unknown> {
  const { providers: _lower, Providers: _upper, Router: oldRouter, ...kept } = existing ?? {};
  const Providers = plan.providers.map((p) => providerEntry(p.preset, { name: p.name, apiKey: p.apiKey, models: p.models, baseUrl: p.baseUrl }));
  const threshold = isRecord(oldRouter) ? oldRouter.longContextThreshold : undefined;
  const Router = { ...routerOf(plan), ...(threshold === undefined ? {} : { longContextThreshold: threshold }) };
  return { ...kept, Providers, Router };
}

/** How a key is shown: the variable, never a literal key. */
export function keyLabel(apiKey: string): string {
  if (apiKey === "") return "no key";
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Z_][A-Z0-9_]*)$/.test(apiKey) ? `key from ${apiKey}` : "key stored in config.json";
}

/** A few lines describing what will be written. */
export function summaryText(plan: InitPlan, path: string): string {
  const lines = ["Providers:"];
  for (const p of plan.providers) {
    const key = p.preset.modelList === "ollama" ? "no key needed" : keyLabel(p.apiKey);
    lines.push(`  ${p.name} (${p.preset.label}, ${key})`, `    ${p.baseUrl}`, `    models: ${p.models.join(", ")}`);
  }
  lines.push("Router:");
  const router = routerOf(plan);
  for (const slot of routeSlots) {
    const route = router[slot];
    if (route !== undefined) lines.push(`  ${slot.padEnd(12)}${route}`);
  }
  lines.push(`File: ${path}`);
  return lines.join("\n");
}

/** What to do next, printed after writing. */
export function nextSteps(path: string, backupPath: string | undefined): string {
  const backup = backupPath === undefined ? "" : `\nThe previous file was saved as ${backupPath}`;
  return `Wrote ${path}${backup}\nNext: run "ccr start" to start the router, then "ccr code" to run Claude Code through it.`;
}
