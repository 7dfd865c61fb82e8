// Tool input schemas cleaned into Gemini's Schema subset (spec §5.4), step by step.
import { describe, expect, test } from "bun:test";
import { geminiSchema } from "../../src/providers/gemini-schema.ts";

function params(schema: Record<string, unknown>): unknown {
  const result = geminiSchema(schema);
  if (result.mode !== "parameters") throw new Error(`expected parameters mode, got ${result.mode}`);
  return result.parameters;
}

describe("geminiSchema", () => {
  test("inlines $ref from $defs and definitions and drops the definition tables", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { Point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
      definitions: { Name: { type: "string", description: "a name" } },
      properties: { at: { $ref: "#/$defs/Point" }, who: { $ref: "#/definitions/Name" } },
    };
    expect(params(schema)).toEqual({
      type: "object",
      properties: {
        at: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
        who: { type: "string", description: "a name" },
      },
    });
  });

  test("cuts recursive references off as plain objects", () => {
    const schema = {
      type: "object",
      $defs: { Node: { type: "object", properties: { name: { type: "string" }, child: { $ref: "#/$defs/Node" } } } },
      properties: { root: { $ref: "#/$defs/Node" } },
    };
    expect(JSON.stringify(params(schema))).toContain('"child":{"type":"object"}');
  });

  test("removes unsupported keywords but never property names that look like keywords", () => {
    const schema = {
      type: "object",
      additionalProperties: false,
      properties: {
        additionalProperties: { type: "integer", exclusiveMinimum: 0, multipleOf: 2, minimum: 1 },
        tags: { type: "array", items: { type: "string" }, uniqueItems: true, propertyNames: { pattern: "x" } },
      },
    };
    expect(params(schema)).toEqual({
      type: "object",
      properties: { additionalProperties: { type: "integer", minimum: 1 }, tags: { type: "array", items: { type: "string" } } },
    });
  });

  test("keeps only the formats Gemini knows for each type", () => {
    const schema = {
      type: "object",
      properties: {
        url: { type: "string", format: "uri" },
        when: { type: "string", format: "date-time" },
        n: { type: "integer", format: "int64" },
        f: { type: "number", format: "int32" },
      },
    };
    expect(params(schema)).toEqual({
      type: "object",
      properties: { url: { type: "string" }, when: { type: "string", format: "date-time" }, n: { type: "integer", format: "int64" }, f: { type: "number" } },
    });
  });

  test("turns nullable type lists and null anyOf members into nullable", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: ["string", "null"] },
        b: { anyOf: [{ type: "integer" }, { type: "null" }], description: "b" },
        c: { type: ["string", "number"] },
        d: { oneOf: [{ type: "string" }, { type: "boolean" }] },
      },
    };
    expect(params(schema)).toEqual({
      type: "object",
      properties: {
        a: { type: "string", nullable: true },
        b: { type: "integer", description: "b", nullable: true },
        c: { anyOf: [{ type: "string" }, { type: "number" }] },
        d: { anyOf: [{ type: "string" }, { type: "boolean" }] },
      },
    });
  });

  test("maps string const to enum, drops other const and enums on non-strings", () => {
    const schema = {
      type: "object",
      properties: { kind: { const: "a" }, one: { const: 1 }, level: { type: "integer", enum: [1, 2] }, s: { type: "string", enum: ["x", null] } },
    };
    expect(params(schema)).toEqual({
      type: "object",
      properties: { kind: { type: "string", enum: ["a"] }, one: {}, level: { type: "integer" }, s: { type: "string", enum: ["x"] } },
    });
  });

  test("merges allOf members and filters dangling required names", () => {
    const schema = {
      allOf: [
        { type: "object", properties: { a: { type: "string" } }, required: ["a", "ghost"] },
        { properties: { b: { type: "number" } }, required: ["b"] },
      ],
    };
    expect(params(schema)).toEqual({ type: "object", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a", "b"] });
    expect(params({ type: "object", properties: { a: { type: "string" } }, required: ["zzz"] })).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
    });
  });

  test("gives objects with properties a type", () => {
    expect(params({ properties: { a: { type: "string" } } })).toEqual({ type: "object", properties: { a: { type: "string" } } });
  });

  test("omits parameters for an object without properties", () => {
    expect(geminiSchema({ $schema: "x", type: "object", properties: {}, additionalProperties: false })).toEqual({ mode: "none" });
  });

  test("falls back to parametersJsonSchema for arrays without items and nested free-form objects", () => {
    const array = { $schema: "x", type: "object", properties: { list: { type: "array" } } };
    expect(geminiSchema(array)).toEqual({ mode: "parametersJsonSchema", parametersJsonSchema: { type: "object", properties: { list: { type: "array" } } } });
    const freeForm = { type: "object", properties: { env: { type: "object", additionalProperties: { type: "string" } } } };
    expect(geminiSchema(freeForm).mode).toBe("parametersJsonSchema");
  });

  test("does not modify its input", () => {
    const schema = { type: "object", properties: { a: { type: ["string", "null"], format: "email" } }, required: ["a", "b"] };
    const copy = structuredClone(schema);
    geminiSchema(schema);
    expect(schema).toEqual(copy);
  });
});
