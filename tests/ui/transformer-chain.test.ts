import { describe, expect, test } from "bun:test";
import { shownOptions } from "../../src/ui/app/transformer-chain.ts";

describe("shownOptions", () => {
  test("shows the options when nothing is being typed", () => {
    expect(shownOptions(undefined, { max_tokens: 8192 })).toBe('{"max_tokens":8192}');
    expect(shownOptions(undefined, undefined)).toBe("");
  });

  test("keeps the typed text while it still belongs to the item's options", () => {
    expect(shownOptions({ text: '{ "max_tokens": 8192 }', of: '{"max_tokens":8192}' }, { max_tokens: 8192 })).toBe('{ "max_tokens": 8192 }');
    expect(shownOptions({ text: '{"max_tokens": 81', of: '{"max_tokens":8192}' }, { max_tokens: 8192 })).toBe('{"max_tokens": 81');
  });

  test("drops the typed text when another item moved into its place (remove, move up)", () => {
    expect(shownOptions({ text: '{"max_tokens": 8192}', of: '{"max_tokens":8192}' }, { effort: "high" })).toBe('{"effort":"high"}');
    expect(shownOptions({ text: "{broken", of: '{"max_tokens":8192}' }, undefined)).toBe("");
  });
});
