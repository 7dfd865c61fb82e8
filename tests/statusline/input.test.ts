import { describe, expect, test } from "bun:test";
import { parseStatusInput } from "../../src/statusline/input.ts";
import afterAnswer from "../fixtures/statusline/claude-code-real-input.json";
import beforeFirstRequest from "../fixtures/statusline/claude-code-real-input-start.json";

// Both fixtures were captured from Claude Code 2.1.330 in tmux (see tests/fixtures/statusline/claude-code-real-input.md).
describe("parseStatusInput on Claude Code 2.1.330's real status-line JSON", () => {
  test("reads the session, model, directory, version, counters and last usage after an answer", () => {
    expect(parseStatusInput(afterAnswer)).toEqual({
      sessionId: "3a2904c0-32f0-473e-b3e6-a40a0c914864",
      claudeModel: "Opus 5.5",
      currentDir: "/home/dev/shop",
      version: "2.1.330",
      durationMs: 12_498,
      linesAdded: 0,
      linesRemoved: 0,
      contextWindowSize: 1_000_000,
      usedPercentage: 0,
      lastInputTokens: 1234,
      lastOutputTokens: 56,
    });
  });

  test("leaves usage and share unknown before the first request (current_usage and used_percentage are null)", () => {
    const input = parseStatusInput(beforeFirstRequest);
    expect(input.sessionId).toBe("3a2904c0-32f0-473e-b3e6-a40a0c914864");
    expect(input.contextWindowSize).toBe(1_000_000);
    expect(input.usedPercentage).toBeUndefined();
    expect(input.lastInputTokens).toBeUndefined();
    expect(input.lastOutputTokens).toBeUndefined();
  });
});
