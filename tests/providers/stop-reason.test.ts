import { describe, expect, test } from "bun:test";
import { chatStopReason, finishError, geminiFinishError, geminiStopReason } from "../../src/providers/stop-reason.ts";

const none = { emittedTool: false, stopString: undefined, refused: false };
const withTool = { ...none, emittedTool: true };

describe("chatStopReason", () => {
  test("maps stop and a missing finish_reason to end_turn", () => {
    expect(chatStopReason("stop", none)).toEqual({ stop_reason: "end_turn", stop_sequence: null });
    expect(chatStopReason(null, none)).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });

  test("maps stop to tool_use when a tool_use block was emitted (Gemini, Ollama, vLLM report stop for tool turns)", () => {
    expect(chatStopReason("stop", withTool).stop_reason).toBe("tool_use");
    expect(chatStopReason(null, withTool).stop_reason).toBe("tool_use");
  });

  test("maps tool_calls and function_call to tool_use only when a tool block exists", () => {
    expect(chatStopReason("tool_calls", withTool).stop_reason).toBe("tool_use");
    expect(chatStopReason("function_call", withTool).stop_reason).toBe("tool_use");
    expect(chatStopReason("tool_calls", none).stop_reason).toBe("end_turn");
  });

  test("maps a vLLM stop string to stop_sequence with that string, but ignores a stop token id", () => {
    expect(chatStopReason("stop", { ...none, stopString: "###" })).toEqual({ stop_reason: "stop_sequence", stop_sequence: "###" });
    expect(chatStopReason("stop", { ...none, stopString: 151645 })).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });

  test("maps length to max_tokens and content_filter to refusal, with no stop_sequence", () => {
    expect(chatStopReason("length", withTool)).toEqual({ stop_reason: "max_tokens", stop_sequence: null });
    expect(chatStopReason("content_filter", none)).toEqual({ stop_reason: "refusal", stop_sequence: null });
  });

  test("maps a refusal that finished with stop to refusal", () => {
    expect(chatStopReason("stop", { ...none, refused: true }).stop_reason).toBe("refusal");
  });

  test("maps an unknown finish_reason to end_turn", () => {
    expect(chatStopReason("eos", none)).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });
});

describe("finishError", () => {
  test("reads error and insufficient_system_resource as errors, and nothing else", () => {
    expect(finishError("error")?.message).toContain("error");
    expect(finishError("insufficient_system_resource")?.code).toBe(503);
    expect(finishError("stop")).toBeUndefined();
    expect(finishError(null)).toBeUndefined();
  });
});

describe("geminiStopReason", () => {
  test("maps STOP to tool_use when a function call was emitted and to end_turn otherwise", () => {
    expect(geminiStopReason("STOP", true)).toBe("tool_use");
    expect(geminiStopReason("STOP", false)).toBe("end_turn");
  });

  test("maps MAX_TOKENS to max_tokens and safety-like reasons to refusal", () => {
    expect(geminiStopReason("MAX_TOKENS", true)).toBe("max_tokens");
    for (const reason of ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]) {
      expect(geminiStopReason(reason, false)).toBe("refusal");
    }
    expect(geminiStopReason("OTHER", false)).toBe("end_turn");
  });
});

describe("geminiFinishError", () => {
  test("treats a malformed or unexpected call as a retryable error only when nothing was produced", () => {
    expect(geminiFinishError("MALFORMED_FUNCTION_CALL", false)).toMatchObject({ code: 500 });
    expect(geminiFinishError("UNEXPECTED_TOOL_CALL", true)).toBeUndefined();
    expect(geminiFinishError("STOP", false)).toBeUndefined();
  });
});
