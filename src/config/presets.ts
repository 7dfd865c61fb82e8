// Provider presets: the endpoints, models and key conventions of well-known vendors, for `ccr init`, `ccr model` and the UI.
import type { UseItem } from "./schema.ts";

/** One vendor as `ccr init` offers it; `api_base_url` is the full endpoint as CCR v1 configs write it. */
export interface ProviderPreset {
  id: string;
  label: string;
  /** Empty for the custom OpenAI-compatible preset: the user supplies it. */
  api_base_url: string;
  transformer?: readonly (string | [string, Record<string, unknown>])[];
  /** Suggested models (a local server or the vendor's model list may offer more). */
  models: readonly string[];
  /** Conventional environment variable holding the key; absent when the vendor needs no key. */
  keyEnv?: string;
  /** Where to get a key. */
  keyUrl?: string;
  /** How the vendor lists its models, if it can. */
  modelList?: "openai" | "ollama" | "gemini" | "anthropic";
}

/** The presets in the order `ccr init` shows them; `custom` last. */
export const providerPresets: readonly ProviderPreset[] = [
  {
    id: "deepseek",
    label: "DeepSeek",
    api_base_url: "https://api.deepseek.com/chat/completions",
    transformer: ["deepseek"],
    models: ["deepseek-chat", "deepseek-reasoner"],
    keyEnv: "DEEPSEEK_API_KEY",
    keyUrl: "https://platform.deepseek.com/api_keys",
    modelList: "openai",
  },
  {
    id: "openrouter",
    label: "OpenRouter",
    api_base_url: "https://openrouter.ai/api/v1/chat/completions",
    transformer: ["openrouter"],
    models: [
      "anthropic/claude-sonnet-4.5",
      "google/gemini-2.5-pro",
      "deepseek/deepseek-chat-v3.1",
      "moonshotai/kimi-k2",
      "qwen/qwen3-coder",
      "x-ai/grok-code-fast-1",
    ],
    keyEnv: "OPENROUTER_API_KEY",
    keyUrl: "https://openrouter.ai/settings/keys",
    modelList: "openai",
  },
  {
    id: "gemini",
    label: "Google Gemini",
    api_base_url: "https://generativelanguage.googleapis.com/v1beta/models/",
    transformer: ["gemini"],
    models: ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite"],
    keyEnv: "GEMINI_API_KEY",
    keyUrl: "https://aistudio.google.com/apikey",
    modelList: "gemini",
  },
  {
    id: "anthropic",
    label: "Anthropic",
    api_base_url: "https://api.anthropic.com/v1/messages",
    transformer: ["Anthropic"],
    models: ["claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5"],
    keyEnv: "ANTHROPIC_API_KEY",
    keyUrl: "https://console.anthropic.com/settings/keys",
    modelList: "anthropic",
  },
  {
    id: "ollama",
    label: "Ollama (local)",
    api_base_url: "http://localhost:11434/v1/chat/completions",
    models: ["qwen3-coder:30b", "gpt-oss:20b", "qwen2.5-coder:7b"],
    modelList: "ollama",
  },
  {
    id: "groq",
    label: "Groq",
    api_base_url: "https://api.groq.com/openai/v1/chat/completions",
    transformer: ["groq"],
    models: ["moonshotai/kimi-k2-instruct-0905", "openai/gpt-oss-120b", "llama-3.3-70b-versatile"],
    keyEnv: "GROQ_API_KEY",
    keyUrl: "https://console.groq.com/keys",
    modelList: "openai",
  },
  {
    id: "siliconflow",
    label: "SiliconFlow",
    api_base_url: "https://api.siliconflow.cn/v1/chat/completions",
    models: ["deepseek-ai/DeepSeek-V3", "moonshotai/Kimi-K2-Instruct", "Qwen/Qwen3-Coder-480B-A35B-Instruct"],
    keyEnv: "SILICONFLOW_API_KEY",
    keyUrl: "https://cloud.siliconflow.cn/account/ak",
    modelList: "openai",
  },
  {
    id: "volcengine",
    label: "Volcengine Ark",
    api_base_url: "https://ark.cn-beijing.volces.com/api/v3/chat/completions",
    models: ["deepseek-v3-1-250821", "doubao-seed-1-6-250615", "kimi-k2-250905"],
    keyEnv: "ARK_API_KEY",
    keyUrl: "https://console.volcengine.com/ark/region:ark+cn-beijing/apiKey",
  },
  {
    id: "dashscope",
    label: "Alibaba DashScope (Qwen)",
    api_base_url: "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",
    models: ["qwen3-coder-plus", "qwen3-max", "qwen-plus"],
    keyEnv: "DASHSCOPE_API_KEY",
    keyUrl: "https://bailian.console.aliyun.com/?apiKey=1",
    modelList: "openai",
  },
  {
    id: "moonshot",
    label: "Moonshot (Kimi)",
    api_base_url: "https://api.moonshot.cn/v1/chat/completions",
    models: ["kimi-k2-0905-preview", "kimi-k2-turbo-preview", "kimi-k2-thinking"],
    keyEnv: "MOONSHOT_API_KEY",
    keyUrl: "https://platform.moonshot.cn/console/api-keys",
    modelList: "openai",
  },
  {
    id: "zhipu",
    label: "Zhipu (GLM)",
    api_base_url: "https://open.bigmodel.cn/api/paas/v4/chat/completions",
    models: ["glm-4.6", "glm-4.5-air"],
    keyEnv: "ZHIPUAI_API_KEY",
    keyUrl: "https://open.bigmodel.cn/usercenter/proj-mgmt/apikeys",
  },
  {
    id: "custom",
    label: "Custom OpenAI-compatible URL",
    api_base_url: "",
    models: [],
    modelList: "openai",
  },
];

/** The preset with this id (case-insensitive), or undefined. */
export function presetById(id: string): ProviderPreset | undefined {
  const wanted = id.toLowerCase();
  return providerPresets.find((p) => p.id === wanted);
}

/** A `Providers[]` entry exactly as written to config.json (CCR v1 shape). */
export interface ProviderEntryJson {
  name: string;
  api_base_url: string;
  api_key: string;
  models: string[];
  transformer?: { use: UseItem[] };
}

/** The user's answers for one preset. */
export interface ProviderEntryOptions {
  /** Provider name used in `provider,model`; the preset id when absent. */
  name?: string;
  /** `"$VAR"` (kept as a placeholder) or a literal key. */
  apiKey: string;
  models: readonly string[];
  /** Overrides the preset's endpoint (required for `custom`). */
  baseUrl?: string;
}

/** The config.json entry for a preset with the user's answers. */
export function providerEntry(preset: ProviderPreset, options: ProviderEntryOptions): ProviderEntryJson {
  const entry: ProviderEntryJson = {
    name: options.name ?? preset.id,
    api_base_url: options.baseUrl ?? preset.api_base_url,
    api_key: options.apiKey,
    models: [...options.models],
  };
  if (preset.transformer && preset.transformer.length > 0) {
    entry.transformer = { use: preset.transformer.map((item) => (typeof item === "string" ? item : [item[0], { ...item[1] }])) };
  }
  return entry;
}
