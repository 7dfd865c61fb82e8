// The think rule: the user asked for deeper reasoning. Claude Code 2.1.x sends `thinking: {type: "adaptive"}` and
// `output_config.effort: "medium"` on every main-loop request, so neither alone means anything.
import type { MessagesRequest } from "../formats/anthropic.ts";
import { planModeActive } from "./plan-mode.ts";

/** Why the request wants extended reasoning (explicit budget, high/max effort, Plan Mode), or undefined. */
export function thinkReason(request: MessagesRequest): string | undefined {
  const thinking = request.thinking;
  if (thinking?.type === "enabled" && typeof thinking.budget_tokens === "number") {
    return `thinking enabled with budget_tokens ${thinking.budget_tokens}`;
  }
  const effort = request.output_config?.effort?.toLowerCase();
  if (effort === "high" || effort === "max") return `output_config.effort ${effort}`;
  if (planModeActive(request)) return "Plan Mode is active";
  return undefined;
}
