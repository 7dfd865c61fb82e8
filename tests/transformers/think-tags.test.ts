import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { SYNTHETIC_SIGNATURE } from "../../src/providers/envelope.ts";
import { extraThinkTag } from "../../src/transformers/extra-think-tag.ts";
import { FORCE_REASONING_PROMPT, forceReasoning } from "../../src/transformers/force-reasoning.ts";
import { enhanceTool } from "../../src/transformers/enhance-tool.ts";
import { assembled, runEvents, stream, textBlock, toolBlock } from "../helpers/anthropic-events.ts";
import { request } from "../helpers/chat-request.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

function signatures(events: readonly StreamEvent[]): string[] {
  return events.flatMap((e) => (e.type === "content_block_delta" && e.delta.type === "signature_delta" ? [e.delta.signature] : []));
}

function thinkingOf(events: readonly StreamEvent[]): unknown[] {
  return assembled(events.map((e) => (e.type === "content_block_delta" && e.delta.type === "thinking_delta" ? { ...e, delta: { type: "text_delta", text: e.delta.thinking } } : e)));
}

describe("extrathinktag", () => {
  test("splits <think> at the start of the answer into a thinking block, tags cut across chunks included", () => {
    const input = stream(textBlock(0, ["\n<thi", "nk>Let me", " see.</th", "ink>\n\nThe answer", " is 4."]), "end_turn");
    const out = runEvents([extraThinkTag(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(thinkingOf(out)).toEqual([
      { type: "thinking", text: "Let me see." },
      { type: "text", text: "The answer is 4." },
    ]);
    expect(signatures(out)).toEqual([SYNTHETIC_SIGNATURE]);
  });

  test("leaves text alone when it does not start with the tag", () => {
    const input = stream(textBlock(0, ["Use a ", "<think> tag."]), "end_turn");
    expect(runEvents([extraThinkTag(undefined)], input)).toEqual(input);
  });

  test("renumbers the blocks after a split, tool calls included", () => {
    const input = stream([...textBlock(0, ["<think>plan</think>Calling."]), ...toolBlock(1, "Read", ['{"a":1}'])], "tool_use");
    const out = runEvents([extraThinkTag(undefined), enhanceTool(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(thinkingOf(out)).toEqual([
      { type: "thinking", text: "plan" },
      { type: "text", text: "Calling." },
      { type: "tool_use", name: "Read", input: { a: 1 } },
    ]);
  });

  test("keeps reasoning cut off by the end of the block as thinking", () => {
    const out = runEvents([extraThinkTag(undefined)], stream(textBlock(0, ["<think>half a thou"]), "max_tokens"));
    assertAnthropicStreamGrammar(out);
    expect(thinkingOf(out)).toEqual([{ type: "thinking", text: "half a thou" }]);
  });

  test("sends a lone partial tag as text at the end", () => {
    const out = runEvents([extraThinkTag(undefined)], stream(textBlock(0, ["<"]), "end_turn"));
    expect(assembled(out)).toEqual([{ type: "text", text: "<" }]);
  });
});

describe("forcereasoning", () => {
  test("adds the reasoning instruction to the system prompt", () => {
    const out = forceReasoning(undefined).request?.(request({ system: "Base." }), { provider: "p", model: "m" });
    expect(out?.system).toEqual([
      { type: "text", text: "Base." },
      { type: "text", text: FORCE_REASONING_PROMPT },
    ]);
  });

  test("turns <reasoning_content> into thinking", () => {
    const input = stream(textBlock(0, ["<reasoning_content>Because.</reasoning_content>\nDone."]), "end_turn");
    const out = runEvents([forceReasoning(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(thinkingOf(out)).toEqual([
      { type: "thinking", text: "Because." },
      { type: "text", text: "Done." },
    ]);
  });
});
