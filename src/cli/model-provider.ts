// "Add a provider" in `ccr model`: a preset, a name, the key (`$VAR` or literal), models and transformers with options.
import { providerEntry, providerPresets, type ProviderEntryJson, type ProviderPreset } from "../config/presets.ts";
import type { UseItem } from "../config/schema.ts";
import { findTransformer, transformerRegistry } from "../transformers/registry.ts";
import { declaredProviders, modelNames, withProvider, type ConfigDocument } from "./model-document.ts";
import type { Prompter } from "./prompter.ts";

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

function httpUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return "enter a full URL, e.g. https://api.example.com/v1/chat/completions";
  const { protocol } = new URL(text);
  return protocol === "http:" || protocol === "https:" ? undefined : "the URL must start with http:// or https://";
}

/**
 * A problem with transformer options typed as JSON, or undefined when they build the transformer. Empty text (no
 * options) is left to the save's full check, which also sees the environment (vertex reads GOOGLE_CLOUD_PROJECT).
 */
export function transformerOptionsProblem(name: string, text: string): string | undefined {
  if (text.trim() === "") return undefined;
  let options: unknown;
  try {
    options = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) return 'options are a JSON object, e.g. {"max_tokens": 8192}';
  try {
    findTransformer(name)?.(options);
    return undefined;
  } catch (err) {
    return `${name} refuses these options: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function askKey(prompter: Prompter, preset: ProviderPreset): Promise<string> {
  if (preset.keyEnv === undefined && preset.id !== "custom") return "";
  const hint = preset.keyUrl === undefined ? undefined : `get one at ${preset.keyUrl}`;
  const form = await prompter.select({
    message: "API key",
    choices: [
      { value: "env", label: "From an environment variable (config keeps $NAME)", hint },
      { value: "literal", label: "Paste the key (stored in config.json)" },
      { value: "none", label: "No key" },
    ],
  });
  if (form === "none") return "";
  if (form === "literal") return prompter.password({ message: "Key", validate: (t) => (t.trim() === "" ? "enter the key" : undefined) });
  const name = await prompter.text({
    message: "Environment variable holding the key",
    initial: preset.keyEnv,
    placeholder: preset.keyEnv ?? "MY_PROVIDER_API_KEY",
    validate: (t) => (ENV_NAME.test(t.trim()) ? undefined : "upper-case letters, digits and _ (e.g. DEEPSEEK_API_KEY)"),
  });
  return `$${name.trim()}`;
}

async function askModels(prompter: Prompter, preset: ProviderPreset): Promise<string[]> {
  const chosen =
    preset.models.length === 0
      ? []
      : await prompter.multiselect({ message: "Models", choices: preset.models.map((m) => ({ value: m })), initial: preset.models.slice(0, 1) });
  const extra = await prompter.text({
    message: chosen.length === 0 ? "Model names (comma-separated)" : "More model names (comma-separated, empty for none)",
    validate: (t) => (chosen.length === 0 && modelNames(t).length === 0 ? "enter at least one model name" : undefined),
  });
  return [...new Set([...chosen, ...modelNames(extra)])];
}

function presetOptions(preset: ProviderPreset, name: string): string {
  const item = preset.transformer?.find((t) => typeof t !== "string" && t[0] === name);
  return item !== undefined && typeof item !== "string" ? JSON.stringify(item[1]) : "";
}

/** Transformers from the registry, each with optional JSON options checked by building the transformer. */
async function askTransformers(prompter: Prompter, preset: ProviderPreset): Promise<UseItem[]> {
  const defaults = (preset.transformer ?? []).map((t) => (typeof t === "string" ? t : t[0]).toLowerCase());
  const names = await prompter.multiselect({
    message: "Transformers (in order; empty for a plain OpenAI-compatible API)",
    choices: [...transformerRegistry.keys()].map((name) => ({ value: name })),
    initial: defaults.filter((name) => transformerRegistry.has(name)),
  });
  const items: UseItem[] = [];
  for (const name of names) {
    const text = await prompter.text({
      message: `Options for ${name} as JSON (empty for none)`,
      initial: presetOptions(preset, name),
      validate: (t) => transformerOptionsProblem(name, t),
    });
    // Validated just above as empty or a JSON object.
    items.push(text.trim() === "" ? name : [name, JSON.parse(text) as Record<string, unknown>]);
  }
  return items;
}

/** Asks for a provider and returns the document with its entry appended. */
export async function askProvider(prompter: Prompter, doc: ConfigDocument): Promise<ConfigDocument> {
  const presetId = await prompter.select({
    message: "Provider",
    choices: providerPresets.map((p) => ({ value: p.id, label: p.label, hint: p.api_base_url || undefined })),
  });
  const preset = providerPresets.find((p) => p.id === presetId) ?? providerPresets[providerPresets.length - 1];
  if (preset === undefined) return doc;
  const taken = declaredProviders(doc).map((p) => p.name);
  const name = await prompter.text({
    message: "Name (used in provider,model)",
    initial: preset.id === "custom" ? "" : preset.id,
    validate: (t) => {
      const n = t.trim();
      if (n === "" || n.includes(",")) return "a non-empty name without commas";
      return taken.includes(n) ? `a provider named "${n}" already exists` : undefined;
    },
  });
  const baseUrl =
    preset.api_base_url === "" ? await prompter.text({ message: "API base URL (full endpoint)", validate: (t) => httpUrlProblem(t.trim()) }) : undefined;
  const apiKey = await askKey(prompter, preset);
  const models = await askModels(prompter, preset);
  const use = await askTransformers(prompter, preset);
  const entry: ProviderEntryJson = providerEntry(preset, { name: name.trim(), apiKey, models, baseUrl: baseUrl?.trim() });
  if (use.length > 0) entry.transformer = { use };
  else delete entry.transformer;
  return withProvider(doc, entry);
}
