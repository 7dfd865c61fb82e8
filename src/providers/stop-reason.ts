// Stop reasons (conversion spec §1.8, OpenAI Chat rows): finish_reason → Anthropic stop_reason / stop_sequence.
import type { StopReason } from "../formats/anthropic.ts";

/** What the response produced, which decides between `tool_use`, `stop_sequence`, `refusal` and `end_turn`. */
export interface StopFacts {
  /** At least one tool_use block was emitted. */
  emittedTool: boolean;
  /** vLLM's `choices[].stop_reason`: a string when a stop sequence matched (a number is a stop token id). */
  stopString: unknown;
  /** The upstream sent a `refusal` instead of (or besides) content. */
  refused: boolean;
}

/** The error a finish_reason stands for (§1.8: `error` → §11.4, DeepSeek `insufficient_system_resource` →
 * overloaded), shaped like an upstream error object; undefined for ordinary finishes. */
export function finishError(finishReason: string | null | undefined): { code?: number; message: string } | undefined {
  if (finishReason === "error") return { message: 'upstream finished with "error"' };
  if (finishReason === "insufficient_system_resource") {
    return { code: 503, message: "upstream has insufficient system resources (insufficient_system_resource)" };
  }
  return undefined;
}

/** The Anthropic stop for a chat finish_reason; `null` means the stream ended with `[DONE]` and no finish_reason. */
export function chatStopReason(
  finishReason: string | null | undefined,
  facts: StopFacts,
): { stop_reason: StopReason; stop_sequence: string | null } {
  const stop = (stop_reason: StopReason) => ({ stop_reason, stop_sequence: null });
  switch (finishReason ?? "stop") {
    case "stop":
      if (facts.emittedTool) return stop("tool_use");
      if (facts.refused) return stop("refusal");
      if (typeof facts.stopString === "string") return { stop_reason: "stop_sequence", stop_sequence: facts.stopString };
      return stop("end_turn");
    case "tool_calls":
    case "function_call":
      return stop(facts.emittedTool ? "tool_use" : "end_turn");
    case "length":
      return stop("max_tokens");
    case "content_filter":
      return stop("refusal");
    default:
      // Unknown finish reasons (vendor extensions) end the turn, as the spec's table says.
      return stop("end_turn");
  }
}

const GEMINI_REFUSALS: ReadonlySet<string> = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);

/** A Gemini finishReason that is an error when the model produced nothing (§1.8: malformed or unexpected calls). */
export function geminiFinishError(finishReason: string, producedContent: boolean): { code: number; message: string } | undefined {
  if (producedContent) return undefined;
  if (finishReason !== "MALFORMED_FUNCTION_CALL" && finishReason !== "UNEXPECTED_TOOL_CALL") return undefined;
  return { code: 500, message: `upstream finished with ${finishReason}` };
}

/** The Anthropic stop for a Gemini finishReason (upper-case, as the API sends it); STOP with calls is tool_use. */
export function geminiStopReason(finishReason: string, emittedTool: boolean): StopReason {
  if (finishReason === "MAX_TOKENS") return "max_tokens";
  if (GEMINI_REFUSALS.has(finishReason)) return "refusal";
  // Gemini reports STOP (and sometimes other values) for tool turns; end_turn there would end Claude Code's loop.
  return emittedTool ? "tool_use" : "end_turn";
}

/** The Anthropic stop for a finished Responses stream: `completed` (or no status) → tool_use/refusal/end_turn,
 * `incomplete` → max_tokens or refusal by `incomplete_details.reason` (spec §1.8 Responses rows). */
export function responsesStopReason(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  facts: Pick<StopFacts, "emittedTool" | "refused">,
): StopReason {
  if (status === "incomplete") return incompleteReason === "content_filter" ? "refusal" : "max_tokens";
  if (facts.emittedTool) return "tool_use";
  return facts.refused ? "refusal" : "end_turn";
}
