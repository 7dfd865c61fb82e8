// The raw config document as `ccr model` edits it: `$VAR` references kept, each edit returns a new document.
import type { ProviderEntryJson } from "../config/presets.ts";
import { UsageError } from "./usage-error.ts";

/** A parsed config.json (a JSON object), exactly as written apart from comments. */
export type ConfigDocument = Record<string, unknown>;

/** The Router slots `ccr model` shows and switches, in CCR's order. */
export const SLOTS = ["default", "background", "think", "longContext", "webSearch", "image"] as const;
export type Slot = (typeof SLOTS)[number];

/** One provider as the document declares it. */
export interface DeclaredProvider {
  name: string;
  models: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `Providers`, or CCR's lower-case alias when only that one is used. */
function providersKey(doc: ConfigDocument): "Providers" | "providers" {
  return !Array.isArray(doc.Providers) && Array.isArray(doc.providers) ? "providers" : "Providers";
}

function providerList(doc: ConfigDocument): unknown[] {
  const list = doc[providersKey(doc)];
  return Array.isArray(list) ? list : [];
}

export function isSlot(name: string): name is Slot {
  return (SLOTS as readonly string[]).includes(name);
}

/** The providers with a name, and their model lists. */
export function declaredProviders(doc: ConfigDocument): DeclaredProvider[] {
  return providerList(doc).flatMap((p) => {
    if (!isRecord(p) || typeof p.name !== "string") return [];
    const models = Array.isArray(p.models) ? p.models.filter((m): m is string => typeof m === "string") : [];
    return [{ name: p.name, models }];
  });
}

/** The route a slot names, or undefined when unset. */
export function slotValue(doc: ConfigDocument, slot: Slot): string | undefined {
  const value = isRecord(doc.Router) ? doc.Router[slot] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The slots and providers as aligned text lines (what `ccr model` prints without a terminal). */
export function slotsTable(doc: ConfigDocument): string {
  const width = Math.max(...SLOTS.map((s) => s.length));
  const lines = SLOTS.map((slot) => `  ${slot.padEnd(width)}  ${slotValue(doc, slot) ?? "(unset)"}`);
  const threshold = isRecord(doc.Router) ? doc.Router.longContextThreshold : undefined;
  if (threshold !== undefined) lines.push(`  ${"threshold".padEnd(width)}  longContext above ${String(threshold)} tokens`);
  const providers = declaredProviders(doc).map((p) => `  ${p.name}: ${p.models.length > 0 ? p.models.join(", ") : "(no models listed)"}`);
  return ["Router:", ...lines, "Providers:", ...(providers.length > 0 ? providers : ["  (none)"])].join("\n");
}

/** Every `provider,model` the document lists. */
export function allRoutes(doc: ConfigDocument): string[] {
  return declaredProviders(doc).flatMap((p) => p.models.map((m) => `${p.name},${m}`));
}

/** Sets (or, with undefined, clears) one slot. */
export function withSlot(doc: ConfigDocument, slot: Slot, route: string | undefined): ConfigDocument {
  const router: Record<string, unknown> = isRecord(doc.Router) ? { ...doc.Router } : {};
  if (route === undefined) delete router[slot];
  else router[slot] = route;
  return { ...doc, Router: router };
}

/** Adds models to a provider's `models` (already listed ones are skipped); an unknown provider is a UsageError. */
export function withModels(doc: ConfigDocument, provider: string, models: readonly string[]): ConfigDocument {
  const key = providersKey(doc);
  let found = false;
  const list = providerList(doc).map((p) => {
    if (!isRecord(p) || p.name !== provider) return p;
    found = true;
    const current = Array.isArray(p.models) ? p.models : [];
    return { ...p, models: [...current, ...models.filter((m) => !current.includes(m))] };
  });
  if (!found) throw new UsageError(`unknown provider "${provider}" (configured: ${providerNames(doc)})`);
  return { ...doc, [key]: list };
}

/** Appends a provider entry; a name already in use is a UsageError. */
export function withProvider(doc: ConfigDocument, entry: ProviderEntryJson): ConfigDocument {
  if (declaredProviders(doc).some((p) => p.name === entry.name)) throw new UsageError(`a provider named "${entry.name}" already exists`);
  return { ...doc, [providersKey(doc)]: [...providerList(doc), entry] };
}

/** The provider names for messages. */
export function providerNames(doc: ConfigDocument): string {
  const names = declaredProviders(doc).map((p) => p.name);
  return names.length > 0 ? names.join(", ") : "none";
}

/** `provider,model` split at the first comma; undefined when either part is empty. */
export function splitRoute(text: string): { provider: string; model: string } | undefined {
  const comma = text.indexOf(",");
  if (comma <= 0 || comma === text.length - 1) return undefined;
  return { provider: text.slice(0, comma).trim(), model: text.slice(comma + 1).trim() };
}

/** Comma-separated names, trimmed, empty ones dropped. */
export function modelNames(text: string): string[] {
  return text
    .split(",")
    .map((m) => m.trim())
    .filter((m) => m !== "");
}
