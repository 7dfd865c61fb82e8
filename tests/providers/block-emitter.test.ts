import { describe, expect, test } from "bun:test";
import { createBlockEmitter } from "../../src/providers/block-emitter.ts";

describe("createBlockEmitter", () => {
  test("numbers blocks 0,1,2 and closes the open block before starting the next", () => {
    const blocks = createBlockEmitter();
    blocks.start({ type: "text", text: "" }, undefined);
    blocks.delta({ type: "text_delta", text: "a" });
    blocks.start({ type: "thinking", thinking: "", signature: "" }, undefined, () => [{ type: "signature_delta", signature: "s" }]);
    blocks.close();
    expect(blocks.take()).toEqual([
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "a" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "thinking", thinking: "", signature: "" } },
      { type: "content_block_delta", index: 1, delta: { type: "signature_delta", signature: "s" } },
      { type: "content_block_stop", index: 1 },
    ]);
    expect(blocks.open).toBeUndefined();
  });

  test("drops deltas when no block is open and ignores a close with nothing open", () => {
    const blocks = createBlockEmitter();
    blocks.delta({ type: "text_delta", text: "lost" });
    blocks.close();
    expect(blocks.take()).toEqual([]);
  });

  test("counts emitted text, thinking and argument characters but not signatures", () => {
    const blocks = createBlockEmitter();
    blocks.start({ type: "thinking", thinking: "", signature: "" }, undefined, () => [{ type: "signature_delta", signature: "long-signature" }]);
    blocks.delta({ type: "thinking_delta", thinking: "abc" });
    blocks.start({ type: "tool_use", id: "t", name: "n", input: {} }, undefined);
    blocks.delta({ type: "input_json_delta", partial_json: "{}" });
    blocks.close();
    expect(blocks.emittedChars).toBe(5);
  });

  test("hands over events once: take empties the queue", () => {
    const blocks = createBlockEmitter();
    blocks.emit({ type: "ping" });
    expect(blocks.take()).toEqual([{ type: "ping" }]);
    expect(blocks.take()).toEqual([]);
  });
});
