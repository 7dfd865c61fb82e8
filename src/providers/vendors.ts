// Profile defaults of OpenAI-compatible vendors, keyed by the host of a provider's `api_base_url` (conversion spec §0.2).
// Only quirks documented by the vendor are listed; transformers in `use` lists apply over these.
import type { Profile } from "./adapter.ts";

/** Vendor host (with port when it identifies the server) → profile defaults. */
export const vendorProfiles: ReadonlyMap<string, Partial<Profile>> = new Map<string, Partial<Profile>>([
  // https://api-docs.deepseek.com/guides/thinking_mode: reasoning_content must be passed back on tool-call turns.
  ["api.deepseek.com", { reasoningReplay: "reasoning_content" }],
  // https://openrouter.ai/docs/guides/best-practices/reasoning-tokens and /prompt-caching: reasoning object, details replay, cache_control.
  ["openrouter.ai", { cacheControl: "keep", reasoningParam: "openrouter", reasoningReplay: "reasoning_details", topK: "keep" }],
  // https://console.groq.com/docs/openai: plain OpenAI Chat, no extra quirks needed.
  ["api.groq.com", {}],
  // https://inference-docs.cerebras.ai/api-reference/chat-completions: the output cap is max_completion_tokens.
  ["api.cerebras.ai", { maxTokensField: "max_completion_tokens" }],
  // https://vercel.com/docs/ai-gateway/openai-compat: plain OpenAI Chat in front of many providers.
  ["ai-gateway.vercel.sh", {}],
  // https://github.com/ollama/ollama/blob/main/docs/openai.md: local server, accepts top_k.
  ["localhost:11434", { topK: "keep" }],
  ["127.0.0.1:11434", { topK: "keep" }],
  // https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions: top_k is a documented parameter.
  ["api.siliconflow.cn", { topK: "keep" }],
  // https://www.volcengine.com/docs/82379/1494384: thinking is switched with `thinking: {type}` like DeepSeek.
  ["ark.cn-beijing.volces.com", { reasoningParam: "deepseek" }],
  // https://help.aliyun.com/zh/model-studio/deep-thinking: Qwen thinking via enable_thinking / thinking_budget.
  ["dashscope.aliyuncs.com", { reasoningParam: "qwen" }],
  // https://modelscope.cn/docs/model-service/API-Inference/intro: plain OpenAI Chat.
  ["api-inference.modelscope.cn", {}],
  // https://platform.moonshot.cn/docs/guide/use-kimi-k2-thinking-model: keep reasoning_content in the context.
  ["api.moonshot.cn", { reasoningReplay: "reasoning_content" }],
  // https://docs.bigmodel.cn/cn/guide/capabilities/thinking-mode: GLM thinking via `thinking: {type}`.
  ["open.bigmodel.cn", { reasoningParam: "deepseek" }],
  // https://docs.mistral.ai/api/#tag/chat: max_tokens is the accepted output cap (the default).
  ["api.mistral.ai", { maxTokensField: "max_tokens" }],
  // https://docs.x.ai/docs/api-reference#chat-completions: plain OpenAI Chat.
  ["api.x.ai", {}],
]);

/** The profile defaults for a provider URL: looked up by host with port, then by host name; unknown hosts get none. */
export function vendorProfile(baseUrl: string): Partial<Profile> {
  if (!URL.canParse(baseUrl)) return {};
  const url = new URL(baseUrl);
  return vendorProfiles.get(url.host) ?? vendorProfiles.get(url.hostname) ?? {};
}
