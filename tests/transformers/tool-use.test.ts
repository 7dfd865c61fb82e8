import { describe, expect, test } from "bun:test";
import { enhanceTool } from "../../src/transformers/enhance-tool.ts";
import { EXIT_TOOL, toolUse } from "../../src/transformers/tool-use.ts";
import { toOpenAiChat } from "../../src/providers/openai-chat-request.ts";
import { assembled, runEvents, stream, textBlock, toolBlock } from "../helpers/anthropic-events.ts";
import { request, target } from "../helpers/chat-request.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

const ctx = { provider: "p", model: "m" };
const readTool = { name: "Read", input_schema: { type: "object" } };

describe("tooluse request", () => {
  test("adds ExitTool, a system reminder and a required tool choice when the request offers tools", () => {
    const input = request({ system: "You are Claude Code.", tools: [readTool] });
    const out = toolUse(undefined).request?.(input, ctx);
    expect(out?.tools?.map((t) => t.name)).toEqual(["Read", EXIT_TOOL]);
    expect(out?.tool_choice).toEqual({ type: "any" });
    expect(Array.isArray(out?.system) ? out.system.map((b) => b.text) : out?.system).toEqual([
      "You are Claude Code.",
      expect.stringContaining("Tool mode is active"),
    ]);
    expect(input.tools).toHaveLength(1);
    const wire = out === undefined ? undefined : toOpenAiChat(out, target()).body;
    expect(wire).toMatchObject({ tool_choice: "required" });
  });

  test("leaves a request without tools alone", () => {
    const input = request({});
    expect(toolUse(undefined).request?.(input, ctx)).toBe(input);
  });
});

describe("tooluse events", () => {
  test("turns an ExitTool call into a text block with its response and ends the turn", () => {
    const input = stream(toolBlock(0, EXIT_TOOL, ['{"respo', 'nse": "All done."}']), "tool_use");
    const out = runEvents([toolUse(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(assembled(out)).toEqual([{ type: "text", text: "All done." }]);
    expect(out.find((e) => e.type === "message_delta")).toMatchObject({ delta: { stop_reason: "end_turn" } });
  });

  test("keeps other tool calls and the tool_use stop reason", () => {
    const input = stream([...textBlock(0, ["Reading."]), ...toolBlock(1, "Read", ['{"file_path":"/a"}'])], "tool_use");
    const out = runEvents([toolUse(undefined)], input);
    expect(out).toEqual(input);
  });

  test("works after enhancetool in a chain, repairing the ExitTool arguments first", () => {
    const input = stream(toolBlock(0, EXIT_TOOL, ["{'response': 'Hi"]), "tool_use");
    const out = runEvents([enhanceTool(undefined), toolUse(undefined)], input);
    assertAnthropicStreamGrammar(out);
    expect(assembled(out)).toEqual([{ type: "text", text: "Hi" }]);
  });
});
