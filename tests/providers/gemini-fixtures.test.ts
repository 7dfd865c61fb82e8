// Golden fixtures: real-shaped Gemini bodies and `alt=sse` streams → the Anthropic output we commit to.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { APIError, Anthropic } from "@anthropic-ai/sdk";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import type { ResponseContext } from "../../src/providers/adapter.ts";
import { fromGemini } from "../../src/providers/gemini-response.ts";
import { createGeminiStream } from "../../src/providers/gemini-stream.ts";
import { messageFromEvents } from "../../src/providers/message-from-events.ts";
import { encodeEvents } from "../../src/sse/encode.ts";
import { createSseParser } from "../../src/sse/parse.ts";
import { responseContext } from "../helpers/chat-stream-run.ts";
import { expectGoldenJson, expectGoldenText, readFixtureJson } from "../helpers/golden.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

const ROOT = join(import.meta.dir, "../fixtures/providers/gemini");

/** Random ids replaced by stable placeholders so golden files can be compared byte for byte. */
function normalizeIds(text: string): string {
  return text.replace(/msg_[0-9A-Za-z]{24}/g, "msg_<id>").replace(/toolu_[0-9A-Za-z]{24}/g, "toolu_<id>");
}

function fixtureContext(dir: string): ResponseContext {
  const path = join(dir, "context.json");
  const raw = existsSync(path) ? readFixtureJson(path) : {};
  const given = typeof raw === "object" && raw !== null ? Object.fromEntries(Object.entries(raw)) : {};
  const toolNames = typeof given.toolNames === "object" && given.toolNames !== null ? Object.entries(given.toolNames) : [];
  return responseContext({ model: "fixture-model", inputTokens: 1000, toolNames: new Map(toolNames.map(([k, v]) => [k, String(v)])) });
}

/** Runs upstream bytes, cut into `chunks`, through the SSE parser and the converter. */
function convert(chunks: readonly Uint8Array[], ctx: ResponseContext): StreamEvent[] {
  const parser = createSseParser();
  const stream = createGeminiStream(ctx);
  const events: StreamEvent[] = [];
  for (const chunk of chunks) for (const message of parser.push(chunk)) events.push(...stream.push(message));
  for (const message of parser.end()) events.push(...stream.push(message));
  events.push(...stream.end());
  return events;
}

const encodeText = (events: readonly StreamEvent[]) => normalizeIds(new TextDecoder().decode(encodeEvents(events)));

/** A strict client: the official SDK reading our bytes as if they came from api.anthropic.com. */
async function sdkRead(events: readonly StreamEvent[]) {
  const body = new TextDecoder().decode(encodeEvents(events));
  const client = new Anthropic({
    apiKey: "test",
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { "content-type": "text/event-stream" } }),
  });
  return client.messages.stream({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).finalMessage();
}

/** Split points that stress the parser: inside a multi-byte character, inside `data:`, between `\r` and `\n`. */
function awkwardSplits(bytes: Uint8Array): number[] {
  const text = new TextDecoder().decode(bytes);
  const points: number[] = [];
  const multiByte = bytes.findIndex((b) => b >= 0xc0);
  if (multiByte !== -1) points.push(multiByte + 1);
  if (text.includes("data:")) points.push(new TextEncoder().encode(text.slice(0, text.indexOf("data:"))).length + 3);
  const crlf = text.indexOf("\r\n");
  if (crlf !== -1) points.push(new TextEncoder().encode(text.slice(0, crlf)).length + 1);
  return points;
}

const cases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, "upstream.sse")));
const jsonCases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, "upstream.json")));

describe("gemini stream fixtures", () => {
  test("cover CRLF, lone CR, multi-byte characters and data: without a space", () => {
    const all = cases.map((name) => readFileSync(join(ROOT, name, "upstream.sse"), "utf8")).join("");
    expect(all).toContain("\r\n");
    expect(all).toMatch(/\r[^\n]/);
    expect(all).toMatch(/[^\x00-\x7f]/);
    expect(all).toContain("data:{");
  });

  for (const name of cases) {
    const dir = join(ROOT, name);
    const bytes = new Uint8Array(readFileSync(join(dir, "upstream.sse")));
    const ctx = fixtureContext(dir);

    describe(name, () => {
      test("converts upstream.sse into expected.sse, following the stream grammar", () => {
        const events = convert([bytes], ctx);
        assertAnthropicStreamGrammar(events);
        expectGoldenText(join(dir, "expected.sse"), encodeText(events));
      });

      test("gives identical output at awkward split points and one byte at a time", () => {
        const whole = encodeText(convert([bytes], ctx));
        for (const at of awkwardSplits(bytes)) expect(encodeText(convert([bytes.subarray(0, at), bytes.subarray(at)], ctx))).toBe(whole);
        expect(encodeText(convert(Array.from(bytes, (b) => new Uint8Array([b])), ctx))).toBe(whole);
      });

      test("is read by the Anthropic SDK into the message our own fold builds", async () => {
        const events = convert([bytes], ctx);
        const folded = messageFromEvents(events);
        if (folded.ok) {
          expect(JSON.parse(JSON.stringify(await sdkRead(events)))).toMatchObject(JSON.parse(JSON.stringify(folded.message)));
        } else {
          const failure = await sdkRead(events).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(failure).toBeInstanceOf(APIError);
          if (failure instanceof APIError) expect(String(failure.type)).toBe(folded.error.type);
        }
      });
    });
  }
});

describe("gemini JSON fixtures", () => {
  for (const name of jsonCases) {
    const dir = join(ROOT, name);
    test(`${name}: converts upstream.json into expected.json`, () => {
      const message = fromGemini(readFixtureJson(join(dir, "upstream.json")), fixtureContext(dir));
      expectGoldenJson(join(dir, "expected.json"), JSON.parse(normalizeIds(JSON.stringify(message))));
    });
  }
});
