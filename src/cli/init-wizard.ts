// The `ccr init` questions, asked through io.prompter: presets, key, models (Ollama's listed live), Router slots.
import type { RouteSlot } from "../config/compiled.ts";
import { providerPresets, presetById, type ProviderPreset } from "../config/presets.ts";
import { listModels } from "../proxy/probe.ts";
import type { Io } from "./command.ts";
import { envNameProblem, keyReference, providerNameProblem, routeSlots, urlProblem } from "./init-flags.ts";
import { routesOf, type InitPlan, type ProviderChoice } from "./init-plan.ts";
import { UsageError } from "./usage-error.ts";

/** Written as the key of keyless presets: CCR v1 drops providers whose api_key is empty. */
export const KEYLESS_PLACEHOLDER = "ollama";

const OTHER = "__other__";

const slotHints: Readonly<Record<RouteSlot, string>> = {
  default: "everything else",
  background: "Claude Code's background tasks (haiku requests)",
  think: "requests with extended thinking",
  longContext: "conversations above the long-context threshold",
  webSearch: "requests using the web search tool",
  image: "requests with images",
};

/** The Ollama endpoint: `OLLAMA_HOST` (Ollama's own variable, `host:port` or a URL) when set, else the preset's. */
export function ollamaBaseUrl(env: Io["env"], preset: ProviderPreset): string {
  const host = env.OLLAMA_HOST?.trim();
  if (!host) return preset.api_base_url;
  const root = /^https?:\/\//.test(host) ? host : `http://${host}`;
  if (!URL.canParse(root)) return preset.api_base_url;
  const url = new URL(root);
  // Like Ollama's own client: a host without a port means the default port 11434 (0.0.0.0 means this machine).
  if (url.port === "" && url.protocol === "http:") url.port = "11434";
  if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/v1/chat/completions`;
}

/** Runs the whole wizard; every answer comes from the prompter, Ctrl-C anywhere throws Cancelled. */
export async function runWizard(io: Io): Promise<InitPlan> {
  const ids = await io.prompter.multiselect({
    message: "Which providers do you want to use? (space to select, enter to confirm)",
    choices: providerPresets.map((p) => ({ value: p.id, label: p.label, hint: p.keyEnv })),
    required: true,
  });
  const presets = ids.flatMap((id) => presetById(id) ?? []);
  if (presets.length === 0) throw new UsageError("no provider selected; nothing was changed");
  const providers: ProviderChoice[] = [];
  for (const preset of presets) {
    providers.push(await askProvider(io, preset, providers.map((p) => p.name)));
  }
  return { providers, router: await askRouter(io, routesOf({ providers })) };
}

/** Name and URL (custom only), key and models of one preset. */
export async function askProvider(io: Io, preset: ProviderPreset, taken: readonly string[]): Promise<ProviderChoice> {
  let name = preset.id;
  let baseUrl = preset.modelList === "ollama" ? ollamaBaseUrl(io.env, preset) : preset.api_base_url;
  if (preset.api_base_url === "") {
    name = await io.prompter.text({
      message: "Name for this provider (used as provider,model)",
      placeholder: "my-provider",
      validate: (v) => providerNameProblem(v) ?? (taken.includes(v) ? `"${v}" is already used` : undefined),
    });
    baseUrl = await io.prompter.text({
      message: "Endpoint URL of the OpenAI-compatible server",
      placeholder: "http://127.0.0.1:8000/v1/chat/completions",
      validate: urlProblem,
    });
  }
  const apiKey = await askKey(io, preset, name);
  const models = await askModels(io, preset, baseUrl);
  return { preset, name, baseUrl, apiKey, models };
}

/** `"$VAR"` or a pasted key; keyless presets need no question. */
export async function askKey(io: Io, preset: ProviderPreset, name: string = preset.id): Promise<string> {
  if (preset.modelList === "ollama") return KEYLESS_PLACEHOLDER;
  // A custom provider is known by the name just given, not by the preset's "Custom OpenAI-compatible URL".
  const whose = preset.api_base_url === "" ? `"${name}"` : preset.label;
  const keyEnv = preset.keyEnv;
  const envHint = keyEnv === undefined ? undefined : io.env[keyEnv] ? `${keyEnv} is set` : `${keyEnv} is not set in this shell`;
  const choices = [
    { value: "env", label: "From an environment variable (config.json stores only $VAR)", hint: envHint },
    { value: "paste", label: "Paste the key (stored in config.json)" },
    ...(keyEnv === undefined ? [{ value: "none", label: "No key" }] : []),
  ];
  const where = preset.keyUrl ? ` Get one at ${preset.keyUrl}` : "";
  const how = await io.prompter.select({ message: `How should ccr get the ${whose} API key?${where}`, choices, initial: "env" });
  if (how === "none") return "";
  if (how === "paste") {
    return io.prompter.password({ message: `${whose} API key`, validate: (v) => (v.trim() === "" ? "the key is empty" : undefined) });
  }
  const variable = await io.prompter.text({
    message: "Environment variable that holds the key",
    initial: keyEnv,
    placeholder: keyEnv ?? "MY_API_KEY",
    validate: envNameProblem,
  });
  return keyReference(variable.trim());
}

function splitIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((id) => id !== ""))];
}

async function typeModels(io: Io, message: string, initial: string | undefined): Promise<string[]> {
  const text = await io.prompter.text({
    message,
    initial,
    placeholder: "model-a, model-b",
    validate: (v) => (splitIds(v).length === 0 ? "at least one model id" : undefined),
  });
  return splitIds(text);
}

/** Ollama: the running server's models; presets: their suggestions plus any typed; custom: typed. */
export async function askModels(io: Io, preset: ProviderPreset, baseUrl: string): Promise<string[]> {
  let offered: readonly string[] = preset.models;
  if (preset.modelList === "ollama") {
    const spinner = io.prompter.spinner("Asking the local Ollama server for its models");
    try {
      offered = await listModels({ api_base_url: baseUrl, apiKey: "", modelList: "ollama" }, { timeoutMs: 5_000 });
      spinner.stop(`Ollama has ${offered.length} model${offered.length === 1 ? "" : "s"}`);
    } catch (err) {
      spinner.fail(`Could not list Ollama's models: ${err instanceof Error ? err.message : String(err)}`);
      return typeModels(io, "Model ids to use (comma-separated; pull them with `ollama pull`)", preset.models[0]);
    }
    if (offered.length === 0) return typeModels(io, "Ollama has no models yet; model ids to use (comma-separated)", preset.models[0]);
  }
  if (offered.length === 0) return typeModels(io, "Model ids to use (comma-separated)", undefined);
  const picked = await io.prompter.multiselect({
    message: `Models of ${preset.label} to use (the first is the default route)`,
    choices: [...offered.map((m) => ({ value: m })), { value: OTHER, label: "Other (type model ids)" }],
    initial: offered.slice(0, 1),
    required: true,
  });
  const chosen = picked.filter((m) => m !== OTHER);
  if (picked.includes(OTHER) || chosen.length === 0) chosen.push(...(await typeModels(io, "Other model ids (comma-separated)", undefined)));
  return [...new Set(chosen)];
}

/** Router.default from the routes, then any other slots the user wants to point elsewhere. */
export async function askRouter(io: Io, routes: readonly string[]): Promise<Partial<Record<RouteSlot, string>>> {
  if (routes.length < 2) return {};
  const choices = routes.map((r) => ({ value: r }));
  const router: Partial<Record<RouteSlot, string>> = {};
  router.default = await io.prompter.select({ message: "Default model (Router.default)", choices, initial: routes[0] });
  const others = routeSlots.filter((s) => s !== "default");
  const slots = await io.prompter.multiselect({
    message: "Send some kinds of requests to another model? (optional; enter to skip)",
    choices: others.map((s) => ({ value: s, hint: slotHints[s] })),
    required: false,
  });
  for (const slot of others.filter((s) => slots.includes(s))) {
    router[slot] = await io.prompter.select({ message: `Model for ${slot} (${slotHints[slot]})`, choices, initial: router.default });
  }
  return router;
}
