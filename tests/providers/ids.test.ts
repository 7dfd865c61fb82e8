import { describe, expect, test } from "bun:test";
import { messageId, randomBase62, toolUseId } from "../../src/providers/ids.ts";

describe("ids", () => {
  test("makes message ids of msg_ and 24 base62 characters", () => {
    expect(messageId()).toMatch(/^msg_[0-9A-Za-z]{24}$/);
  });

  test("makes tool-use ids of toolu_ and 24 base62 characters", () => {
    expect(toolUseId()).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
  });

  test("never repeats an id across many draws", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => toolUseId()));
    expect(ids.size).toBe(2000);
  });

  test("draws from the whole base62 alphabet", () => {
    const seen = new Set(randomBase62(5000));
    expect(seen.size).toBe(62);
  });
});
