import { describe, expect, test } from "bun:test";
import { parseStatusInput } from "../../src/statusline/input.ts";
import { logBehind, statusData, type SessionUsage } from "../../src/statusline/status-data.ts";
import fixture from "../fixtures/statusline/claude-code-input.json";
import realAfterAnswer from "../fixtures/statusline/claude-code-real-input.json";
import realStart from "../fixtures/statusline/claude-code-real-input-start.json";

const input = parseStatusInput(fixture);
const noWindows = () => undefined;
const usage: SessionUsage = {
  provider: "deepseek",
  model: "deepseek-chat",
  inputTokens: 1000,
  outputTokens: 300,
  cacheReadTokens: 30_000,
  cacheWriteTokens: 1768,
  contextWindow: 131_072,
  tokensPerSecond: 41.5,
  sessionCost: 0.0123,
};

describe("parseStatusInput", () => {
  test("reads Claude Code's status-line JSON", () => {
    expect(input).toEqual({
      sessionId: "2f6c1f0e-8a7b-4c55-9e21-3d4a5b6c7d8e",
      claudeModel: "Sonnet 4.5",
      currentDir: "/home/dev/shop",
      version: "2.1.39",
      durationMs: 734_000,
      linesAdded: 156,
      linesRemoved: 23,
      contextWindowSize: 200_000,
      usedPercentage: 22,
      lastInputTokens: 44_150,
      lastOutputTokens: 640,
    });
  });

  test("accepts an object with nothing in it and rejects anything that is not an object", () => {
    expect(parseStatusInput({ model: null, cost: "x" })).toEqual(expect.objectContaining({ sessionId: undefined, claudeModel: undefined }));
    expect(() => parseStatusInput([1])).toThrow();
    expect(() => parseStatusInput("text")).toThrow();
  });
});

describe("statusData", () => {
  test("shows the routed model and its usage from the request log, not the Claude model", () => {
    const data = statusData(input, usage, noWindows);
    expect(data.model).toBe("deepseek,deepseek-chat");
    expect(data.inputTokens).toBe(32_768);
    expect(data.outputTokens).toBe(300);
    expect(data.contextPercent).toBe(25);
    expect(data.cost).toBe(0.0123);
    expect(data.tokensPerSecond).toBe(41.5);
    expect(data.workDirName).toBe("shop");
  });

  test("takes the window from the config's model_info when the log has none, and never Claude's window", () => {
    const withoutWindow = { ...usage, contextWindow: null };
    expect(statusData(input, withoutWindow, () => 65_536).contextPercent).toBe(50);
    expect(statusData(input, withoutWindow, noWindows).contextPercent).toBeUndefined();
  });

  test("uses Claude Code's own numbers when the log has no request of the session", () => {
    const data = statusData(input, undefined, noWindows);
    expect(data).toEqual(expect.objectContaining({ model: "Sonnet 4.5", inputTokens: 44_150, outputTokens: 640, contextPercent: 22 }));
    expect(data.cost).toBeUndefined();
  });

  test("keeps cost unknown when no request of the session had a price", () => {
    expect(statusData(input, { ...usage, sessionCost: null }, noWindows).cost).toBeUndefined();
  });

  test("shows no window before Claude Code's first request, when it sends a window but no share", () => {
    const data = statusData(parseStatusInput(realStart), undefined, noWindows);
    expect(data.model).toBe("Opus 5.5");
    expect(data.contextPercent).toBeUndefined();
    expect(data.contextWindow).toBeUndefined();
  });
});

describe("logBehind", () => {
  const real = parseStatusInput(realAfterAnswer);
  const logged: SessionUsage = { ...usage, inputTokens: 1234, outputTokens: 56, cacheReadTokens: 0, cacheWriteTokens: 0 };

  test("is true when Claude Code saw a response the log does not hold yet", () => {
    expect(logBehind(real, undefined)).toBe(true);
    expect(logBehind(real, { ...logged, outputTokens: 40 })).toBe(true);
    expect(logBehind(real, { ...logged, inputTokens: 900 })).toBe(true);
  });

  test("is false when the log holds the same usage (cache tokens counted in) or Claude Code saw none yet", () => {
    expect(logBehind(real, logged)).toBe(false);
    expect(logBehind(real, { ...logged, inputTokens: 234, cacheReadTokens: 1000 })).toBe(false);
    expect(logBehind(parseStatusInput(realStart), undefined)).toBe(false);
  });
});
