import { describe, expect, test } from "bun:test";
import { ValidationError } from "../../src/errors.ts";
import { checkJsonDepth, MAX_JSON_DEPTH, readJsonBody } from "../../src/proxy/read-body.ts";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://x/v1/messages", { method: "POST", body, headers });

async function failure(p: Promise<unknown>): Promise<ValidationError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("readJsonBody", () => {
  test("parses a JSON object and keeps its text", async () => {
    const body = await readJsonBody(post('{"a":1}'), 100);
    expect(body.value).toEqual({ a: 1 });
    expect(body.text).toBe('{"a":1}');
  });
  test("rejects malformed JSON with a 400 that says so", async () => {
    const err = await failure(readJsonBody(post('{"a":'), 100));
    expect(err.status).toBe(400);
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toStartWith("Request body is not valid JSON");
  });
  test("rejects an empty body", async () => {
    expect((await failure(readJsonBody(post(""), 100))).message).toContain("empty");
  });
  test("rejects a body over the limit with a 413", async () => {
    const err = await failure(readJsonBody(post("x".repeat(200)), 100));
    expect(err.status).toBe(413);
    expect(err.type).toBe("request_too_large");
  });
  test("rejects a declared content-length over the limit before reading", async () => {
    const err = await failure(readJsonBody(post("{}", { "content-length": "5000000" }), 100));
    expect(err.status).toBe(413);
  });
  test("rejects invalid UTF-8", async () => {
    const err = await failure(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 100));
    expect(err.message).toContain("UTF-8");
  });
});

describe("checkJsonDepth", () => {
  test("accepts nesting up to MAX_JSON_DEPTH and refuses one level more with a 400", () => {
    expect(() => checkJsonDepth(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`)).not.toThrow();
    expect(() => checkJsonDepth(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`)).toThrow(`nested more than ${MAX_JSON_DEPTH} levels`);
  });
  test("ignores brackets inside strings, escaped quotes included", () => {
    const inString = JSON.stringify({ text: `\\"${"[{".repeat(5000)}` });
    expect(() => checkJsonDepth(inString)).not.toThrow();
  });
  test("makes readJsonBody refuse a 10k-deep body before parsing it", async () => {
    const err = await failure(readJsonBody(post(`{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`), 1_000_000));
    expect(err.status).toBe(400);
    expect(err.message).toContain("nested more than");
  });
  test("refuses invalid UTF-8 with a 400", async () => {
    const err = await failure(readJsonBody(post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), 100));
    expect(err.status).toBe(400);
    expect(err.message).toContain("UTF-8");
  });
});
