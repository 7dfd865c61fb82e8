// Anthropic `thinking` + `output_config.effort` → the reasoning fields a Chat provider understands (spec §2.7).
import type { MessagesRequest } from "../formats/anthropic.ts";
import type { ChatRequest } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";

/** Anthropic effort levels (`max` is Claude Code's extra level above `high`). */
export type Effort = "low" | "medium" | "high" | "max";

type ReasoningFields = Pick<ChatRequest, "reasoning_effort" | "reasoning" | "thinking" | "enable_thinking" | "thinking_budget">;

const EFFORTS: readonly string[] = ["low", "medium", "high", "max"];

function isEffort(value: string | undefined): value is Effort {
  return value !== undefined && EFFORTS.includes(value);
}

/** Effort from a thinking budget, with the reference implementation's thresholds. */
export function budgetEffort(budget: number): Effort {
  if (budget <= 1024) return "low";
  if (budget <= 8192) return "medium";
  return "high";
}

/** Effort source order: `output_config.effort`, then the budget, then `medium` (adaptive without effort). */
export function requestEffort(request: MessagesRequest): Effort {
  const stated = request.output_config?.effort;
  if (isEffort(stated)) return stated;
  const thinking = request.thinking;
  if (thinking?.type === "enabled" && thinking.budget_tokens !== undefined) return budgetEffort(thinking.budget_tokens);
  return "medium";
}

function budgetOf(request: MessagesRequest): number | undefined {
  return request.thinking?.type === "enabled" ? request.thinking.budget_tokens : undefined;
}

/** OpenAI-style effort has no `max`. */
function capped(effort: Effort): Exclude<Effort, "max"> {
  return effort === "max" ? "high" : effort;
}

function deepSeekEffort(request: MessagesRequest): Pick<ReasoningFields, "reasoning_effort"> {
  const stated = request.output_config?.effort;
  if (!isEffort(stated)) return {};
  // DeepSeek knows high and max only above low.
  return { reasoning_effort: stated === "medium" ? "high" : stated };
}

function enabledFields(request: MessagesRequest, profile: Profile): ReasoningFields {
  const budget = budgetOf(request);
  switch (profile.reasoningParam) {
    case "reasoning_effort":
      return { reasoning_effort: capped(requestEffort(request)) };
    case "deepseek":
      return { thinking: { type: "enabled" }, ...deepSeekEffort(request) };
    case "openrouter":
      if (isEffort(request.output_config?.effort) || budget === undefined) {
        return { reasoning: { effort: capped(requestEffort(request)) } };
      }
      return { reasoning: { max_tokens: budget } };
    case "qwen":
      return budget === undefined ? { enable_thinking: true } : { enable_thinking: true, thinking_budget: budget };
    case "none":
      return {};
  }
}

function disabledFields(profile: Profile): ReasoningFields {
  switch (profile.reasoningParam) {
    case "deepseek":
      return { thinking: { type: "disabled" } };
    case "openrouter":
      return { reasoning: { enabled: false } };
    case "qwen":
      return { enable_thinking: false };
    case "reasoning_effort":
    case "none":
      return {};
  }
}

/** The request fields that say whether and how hard to reason; none when the request has no `thinking`. */
export function reasoningFields(request: MessagesRequest, profile: Profile): ReasoningFields {
  const thinking = request.thinking;
  if (thinking === undefined) return {};
  return thinking.type === "disabled" ? disabledFields(profile) : enabledFields(request, profile);
}
