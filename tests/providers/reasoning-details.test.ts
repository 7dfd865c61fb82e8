import { describe, expect, test } from "bun:test";
import { SYNTHETIC_SIGNATURE, decodeEnvelope } from "../../src/providers/envelope.ts";
import {
  mergeReasoningDetails,
  reasoningDetailsText,
  redactedThinkingData,
  thinkingSignature,
} from "../../src/providers/reasoning-details.ts";

describe("reasoningDetailsText", () => {
  test("concatenates only reasoning.text items", () => {
    expect(
      reasoningDetailsText([
        { type: "reasoning.text", text: "a" },
        { type: "reasoning.summary", summary: "ignored" },
        { type: "reasoning.encrypted", data: "x" },
        { type: "reasoning.text", text: "b" },
      ]),
    ).toBe("ab");
    expect(reasoningDetailsText(undefined)).toBe("");
  });
});

describe("mergeReasoningDetails", () => {
  test("joins fragments of the same type and index, keeping the last non-empty signature", () => {
    const merged = mergeReasoningDetails(
      [{ type: "reasoning.text", text: "Hel", index: 0, format: "anthropic-claude-v1" }],
      [
        { type: "reasoning.text", text: "lo", index: 0 },
        { type: "reasoning.text", signature: "sig", index: 0 },
        { type: "reasoning.text", signature: "", index: 0 },
        { type: "reasoning.text", text: "second", index: 1 },
      ],
    );
    expect(merged).toEqual([
      { type: "reasoning.text", text: "Hello", index: 0, format: "anthropic-claude-v1", signature: "sig" },
      { type: "reasoning.text", text: "second", index: 1 },
    ]);
  });

  test("returns a new list and leaves its inputs alone", () => {
    const acc = [{ type: "reasoning.text", text: "a", index: 0 }];
    const merged = mergeReasoningDetails(acc, [{ type: "reasoning.text", text: "b", index: 0 }]);
    expect(acc).toEqual([{ type: "reasoning.text", text: "a", index: 0 }]);
    expect(merged).not.toBe(acc);
  });
});

describe("thinkingSignature", () => {
  test("keeps a real Anthropic signature", () => {
    expect(thinkingSignature([{ type: "reasoning.text", text: "t", signature: "EqAnthropic", format: "anthropic-claude-v1" }])).toBe("EqAnthropic");
  });

  test("wraps other details, signed or not, in an openrouter envelope", () => {
    const details = [{ type: "reasoning.text", text: "t", signature: "geminiSig", format: "google-gemini-v1" }];
    expect(decodeEnvelope(thinkingSignature(details))).toEqual({ v: 1, p: "openrouter", details });
  });

  test("never re-wraps one of our own envelopes as if it were Anthropic's", () => {
    const details = [{ type: "reasoning.text", text: "t", signature: SYNTHETIC_SIGNATURE }];
    expect(decodeEnvelope(thinkingSignature(details))?.p).toBe("openrouter");
  });

  test("falls back to the synthetic envelope when there are no details", () => {
    expect(thinkingSignature([])).toBe(SYNTHETIC_SIGNATURE);
  });
});

describe("redactedThinkingData", () => {
  test("carries encrypted details in an openrouter envelope", () => {
    const details = [{ type: "reasoning.encrypted", data: "opaque" }];
    expect(decodeEnvelope(redactedThinkingData(details))).toEqual({ v: 1, p: "openrouter", details });
  });
});
