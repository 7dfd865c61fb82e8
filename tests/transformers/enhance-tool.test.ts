import { describe, expect, test } from "bun:test";
import { enhanceTool } from "../../src/transformers/enhance-tool.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";
import { assembled, runEvents, stream, textBlock, toolBlock } from "../helpers/anthropic-events.ts";

describe("enhancetool", () => {
  test("streams text as it comes and emits a repaired tool input once the call completes", () => {
    const input = stream([...textBlock(0, ["Let me ", "look."]), ...toolBlock(1, "Read", ["{'file_path': '/a.ts',", " limit: 10,"])], "end_turn");
    const out = runEvents([enhanceTool(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(out.slice(0, 5)).toEqual(input.slice(0, 5));
    const toolDeltas = out.filter((e) => e.type === "content_block_delta" && e.index === 1);
    expect(toolDeltas).toHaveLength(1);
    expect(assembled(out)).toEqual([
      { type: "text", text: "Let me look." },
      { type: "tool_use", name: "Read", input: { file_path: "/a.ts", limit: 10 } },
    ]);
  });

  test("flushes every buffered call even when the upstream finished with stop (ref bug T1)", () => {
    const input = stream([...toolBlock(0, "A", ['{"x":', "1}"]), ...toolBlock(1, "B", ['{"y": tru'])], "end_turn");
    const out = runEvents([enhanceTool({})], input);
    assertAnthropicStreamGrammar(out);
    expect(assembled(out)).toEqual([
      { type: "tool_use", name: "A", input: { x: 1 } },
      { type: "tool_use", name: "B", input: {} },
    ]);
  });

  test("keeps separate streams apart when they share the transformer", () => {
    const t = enhanceTool(undefined);
    const first = runEvents([t], stream(toolBlock(0, "A", ['{"a":1}']), "tool_use"));
    const second = runEvents([t], stream(toolBlock(0, "B", ['{"b":2}']), "tool_use"));
    expect(assembled(first)).toEqual([{ type: "tool_use", name: "A", input: { a: 1 } }]);
    expect(assembled(second)).toEqual([{ type: "tool_use", name: "B", input: { b: 2 } }]);
  });

  test("takes no options", () => {
    expect(() => enhanceTool({ mode: "x" })).toThrow();
  });
});
