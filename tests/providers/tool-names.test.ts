import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { createToolNames, sanitizeToolName } from "../../src/providers/tool-names.ts";

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

describe("sanitizeToolName", () => {
  test("leaves valid names alone", () => {
    expect(sanitizeToolName("mcp__github__create-issue")).toBe("mcp__github__create-issue");
  });

  test("replaces every invalid character with an underscore", () => {
    expect(sanitizeToolName("mcp__my server__do.it:now")).toBe("mcp__my_server__do_it_now");
  });

  test("shortens names over 64 characters to 55 characters, an underscore and 8 hex of the original's SHA-256", () => {
    const original = `mcp__${"very_long_server_name_".repeat(3)}__tool.with.dots`;
    const expected = `${original.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 55)}_${createHash("sha256").update(original).digest("hex").slice(0, 8)}`;
    const name = sanitizeToolName(original);
    expect(name).toBe(expected);
    expect(name).toHaveLength(64);
    expect(name).toMatch(VALID);
  });

  test("keeps a name of exactly 64 valid characters", () => {
    const name = "a".repeat(64);
    expect(sanitizeToolName(name)).toBe(name);
  });
});

describe("createToolNames", () => {
  test("gives the same original the same wire name and records the way back", () => {
    const names = createToolNames();
    expect(names.wire("a.b")).toBe("a_b");
    expect(names.wire("a.b")).toBe("a_b");
    expect(names.wire("Read")).toBe("Read");
    expect([...names.snapshot()]).toEqual([
      ["a_b", "a.b"],
      ["Read", "Read"],
    ]);
  });

  test("gives two originals that sanitize alike different wire names", () => {
    const names = createToolNames();
    const first = names.wire("a.b");
    const second = names.wire("a_b");
    expect(first).toBe("a_b");
    expect(second).not.toBe(first);
    expect(second).toMatch(VALID);
    expect(names.snapshot().get(second)).toBe("a_b");
  });
});
