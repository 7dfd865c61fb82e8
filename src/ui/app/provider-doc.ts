// Pure helpers for provider entries: new entries from presets, transformer chain items, unique names.
import { isObject, type Json, type JsonObject } from "./config-doc.ts";

/** A vendor preset as `GET /api/presets` sends it (src/config/presets.ts). */
export interface Preset {
  id: string;
  label: string;
  api_base_url: string;
  transformer?: Json[];
  models: string[];
  keyEnv?: string;
  keyUrl?: string;
  modelList?: string;
}

/** Presets from the API body, skipping anything malformed. */
export function parsePresets(body: unknown): Preset[] {
  const list = isObject(body) && Array.isArray(body.presets) ? body.presets : Array.isArray(body) ? body : [];
  return list.flatMap((p): Preset[] => {
    if (!isObject(p) || typeof p.id !== "string" || typeof p.api_base_url !== "string") return [];
    const preset: Preset = {
      id: p.id,
      label: typeof p.label === "string" ? p.label : p.id,
      api_base_url: p.api_base_url,
      models: Array.isArray(p.models) ? p.models.filter((m): m is string => typeof m === "string") : [],
    };
    if (Array.isArray(p.transformer)) preset.transformer = p.transformer;
    if (typeof p.keyEnv === "string") preset.keyEnv = p.keyEnv;
    if (typeof p.keyUrl === "string") preset.keyUrl = p.keyUrl;
    if (typeof p.modelList === "string") preset.modelList = p.modelList;
    return [preset];
  });
}

/** `base`, or `base-2`, `base-3`, ... when taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/,/g, "").trim() || "provider";
  if (!taken.includes(clean)) return clean;
  for (let n = 2; n < 1000; n++) if (!taken.includes(`${clean}-${n}`)) return `${clean}-${n}`;
  return `${clean}-${Date.now()}`;
}

/** A new `Providers[]` entry from a preset: the key as a `$VAR` reference when the vendor has a conventional one. */
export function entryFromPreset(preset: Preset | undefined, taken: readonly string[]): JsonObject {
  const entry: JsonObject = {
    name: uniqueName(preset?.id ?? "provider", taken),
    api_base_url: preset?.api_base_url ?? "",
    api_key: preset?.keyEnv ? `$${preset.keyEnv}` : "",
    models: [...(preset?.models ?? [])],
  };
  if (preset?.transformer && preset.transformer.length > 0) entry.transformer = { use: [...preset.transformer] };
  return entry;
}

/** One transformer chain item split into name and options (`"name"`, `["name"]` or `["name", {options}]`). */
export function splitUseItem(item: Json | undefined): { name: string; options: Json | undefined } {
  if (typeof item === "string") return { name: item, options: undefined };
  if (Array.isArray(item) && typeof item[0] === "string") return { name: item[0], options: item[1] };
  return { name: "", options: undefined };
}

/** The chain item for a name and options: the bare name when there are no options. */
export function joinUseItem(name: string, options: Json | undefined): Json {
  return options === undefined ? name : [name, options];
}

/** Models named in the entry. */
export function modelsOf(provider: JsonObject | undefined): string[] {
  return provider && Array.isArray(provider.models) ? provider.models.filter((m): m is string => typeof m === "string") : [];
}
