// Anthropic request → Gemini generateContent body: golden wire requests and the rules of spec §5 one by one.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import * as v from "valibot";
import { MessagesRequestSchema, type MessagesRequest } from "../../src/formats/anthropic.ts";
import type { GeminiContent, GeminiRequest } from "../../src/formats/gemini.ts";
import { type Target, defaultProfile } from "../../src/providers/adapter.ts";
import { SKIP_SIGNATURE } from "../../src/providers/gemini-contents.ts";
import { toGemini } from "../../src/providers/gemini-request.ts";
import { expectGoldenJson, readFixtureJson } from "../helpers/golden.ts";
import { loadCapture } from "../helpers/load-capture.ts";

const ROOT = join(import.meta.dir, "../fixtures/providers/gemini");

function target(model: string, overrides: Partial<Target["profile"]> = {}): Target {
  return { provider: "gemini", baseUrl: "https://g.test/v1beta/models/", apiKey: "k", model, profile: { ...defaultProfile, auth: "x-goog-api-key", ...overrides } };
}

function wire(request: MessagesRequest, model = "gemini-2.5-flash", overrides: Partial<Target["profile"]> = {}): GeminiRequest {
  // toGemini builds a GeminiRequest; WireRequest types the body as unknown for the adapter contract.
  return toGemini(request, target(model, overrides)).body as GeminiRequest;
}

function fixtureRequest(name: string): MessagesRequest {
  return v.parse(MessagesRequestSchema, readFixtureJson(join(ROOT, name, "request.json")));
}

const base = (messages: MessagesRequest["messages"], extra: Partial<MessagesRequest> = {}): MessagesRequest => ({
  model: "m",
  max_tokens: 1000,
  messages,
  ...extra,
});

describe("golden wire requests", () => {
  test("a real Claude Code first turn becomes systemInstruction, user contents, cleaned tools and a clamped config", () => {
    const body = wire(loadCapture("cc-print-first-turn").body, "gemini-3-pro-preview", { maxOutputTokens: 65536 });
    expectGoldenJson(join(ROOT, "cc-print-first-turn/wire-request.json"), body);
    expect(JSON.stringify(body.systemInstruction)).not.toContain("x-anthropic-billing-header");
    expect(body.contents.every((c) => c.role === "user" || c.role === "model")).toBe(true);
    expect(body.generationConfig?.maxOutputTokens).toBe(65536);
    expect(JSON.stringify(body.tools)).not.toMatch(/"\$schema"|"additionalProperties"|"exclusiveMinimum"|"propertyNames"/);
  });

  for (const name of ["req-thought-signatures", "req-history-repair-and-text"]) {
    test(`${name}: request.json becomes wire-request.json`, () => {
      const request = fixtureRequest(name);
      expectGoldenJson(join(ROOT, name, "wire-request.json"), wire(request, request.model));
    });
  }
});

describe("contents", () => {
  test("restores thought signatures onto the function call they came from and bypasses the rest of the current turn", () => {
    const body = wire(fixtureRequest("req-thought-signatures"), "gemini-3-pro-preview");
    const model = body.contents.filter((c) => c.role === "model");
    expect(model[0]?.parts[0]).toMatchObject({ functionCall: { name: "Read" }, thoughtSignature: "U0lHX0ZDMA==" });
    expect(model[0]?.parts[1]).toEqual({ functionCall: { name: "Read", args: { file_path: "/b" } }, thoughtSignature: SKIP_SIGNATURE });
    expect(model[1]?.parts[0]).toMatchObject({ functionCall: { name: "Bash" }, thoughtSignature: SKIP_SIGNATURE });
    expect(JSON.stringify(body)).not.toContain("Reading both.");
  });

  test("never invents signatures for models other than Gemini 3", () => {
    const body = wire(fixtureRequest("req-thought-signatures"), "gemini-2.5-pro");
    expect(JSON.stringify(body)).not.toContain(SKIP_SIGNATURE);
    expect(JSON.stringify(body)).toContain("U0lHX0ZDMA==");
  });

  test("answers calls in call order by name, with images after the responses and errors under an error key", () => {
    const body = wire(fixtureRequest("req-thought-signatures"));
    const user = body.contents[2] as GeminiContent; // third content: the answers to the two Read calls
    expect(user.parts).toEqual([
      { functionResponse: { name: "Read", response: { result: "A body" } } },
      { functionResponse: { name: "Read", response: { result: "B body" } } },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
    ]);
    expect(body.contents[4]?.parts).toEqual([{ functionResponse: { name: "Bash", response: { error: "permission denied" } } }]);
  });

  test("repairs a missing result, turns an orphan into text and merges it with the user's text in one turn", () => {
    const body = wire(fixtureRequest("req-history-repair-and-text"), "gemini-2.5-pro");
    const last = body.contents[2] as GeminiContent; // the user turn after the model's two calls
    expect(last.parts).toEqual([
      { functionResponse: { name: "mcp__server__get_thing", response: { result: "one" } } },
      { functionResponse: { name: "mcp__server__get_thing", response: { error: "[tool result missing]" } } },
      { text: "[tool result for toolu_orphan]\nlost" },
      { text: "continue" },
    ]);
    expect(body.contents[0]?.parts).toEqual([{ text: "  " }, { text: "Get it." }]);
    expect(JSON.stringify(body)).not.toContain("old anthropic thought");
  });

  test("merges adjacent contents of the same role", () => {
    const body = wire(base([
      { role: "user", content: "a" },
      { role: "user", content: "b" },
    ]));
    expect(body.contents).toEqual([{ role: "user", parts: [{ text: "a" }, { text: "b" }] }]);
  });

  test("hoists inline system messages into systemInstruction", () => {
    const body = wire(base([{ role: "user", content: "hi" }, { role: "system", content: "env" }], { system: "sys" }));
    expect(body.systemInstruction).toEqual({ parts: [{ text: "sys\nenv" }] });
    expect(body.contents).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
  });
});

describe("tools and toolConfig", () => {
  test("maps tool_choice to upper-case modes with restricted names", () => {
    const body = wire(fixtureRequest("req-history-repair-and-text"), "gemini-2.5-pro");
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["mcp__server__get_thing"] } });
    const auto = wire(base([{ role: "user", content: "x" }], { tools: [{ name: "T", input_schema: { type: "object", properties: { a: { type: "string" } } } }], tool_choice: { type: "none" } }));
    expect(auto.toolConfig).toEqual({ functionCallingConfig: { mode: "NONE" } });
  });

  test("adds googleSearch for the web_search server tool only on Gemini 3 and drops deferred placeholders", () => {
    const request = fixtureRequest("req-history-repair-and-text");
    expect(wire(request, "gemini-2.5-pro").tools).toHaveLength(1);
    const tools = wire(request, "gemini-3-pro-preview").tools ?? [];
    expect(tools[1]).toEqual({ googleSearch: {} });
    expect(JSON.stringify(tools)).not.toContain("DeferredToolPlaceholder");
  });

  test("keeps a custom tool named web_search as a function", () => {
    const body = wire(base([{ role: "user", content: "x" }], { tools: [{ name: "web_search", input_schema: { type: "object", properties: { q: { type: "string" } } } }] }), "gemini-3-pro");
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: "web_search", parameters: { type: "object", properties: { q: { type: "string" } } } }] }]);
  });

  test("gives names that start with a digit a leading underscore and maps them back", () => {
    const request = base([{ role: "user", content: "x" }], { tools: [{ name: "3d.render", input_schema: { type: "object", properties: { a: { type: "string" } } } }] });
    const out = toGemini(request, target("gemini-2.5-pro"));
    expect(JSON.stringify(out.body)).toContain('"name":"_3d_render"');
    expect(out.toolNames.get("_3d_render")).toBe("3d.render");
  });

  test("omits tools and toolConfig when nothing is callable", () => {
    const body = wire(base([{ role: "user", content: "x" }], { tool_choice: { type: "auto" } }));
    expect(body.tools).toBeUndefined();
    expect(body.toolConfig).toBeUndefined();
  });
});

describe("generationConfig", () => {
  test("sends sampling, at most five stop sequences and a clamped 2.5 thinking budget", () => {
    expect(wire(fixtureRequest("req-history-repair-and-text"), "gemini-2.5-pro").generationConfig).toEqual({
      maxOutputTokens: 128000,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stopSequences: ["a", "b", "c", "d", "e"],
      thinkingConfig: { includeThoughts: true, thinkingBudget: 32768 },
    });
  });

  test("picks thinking levels for Gemini 3 and dynamic budgets for adaptive 2.5", () => {
    const ask = (thinking: MessagesRequest["thinking"], model: string, effort?: string) =>
      wire(base([{ role: "user", content: "x" }], { thinking, ...(effort ? { output_config: { effort } } : {}) }), model).generationConfig?.thinkingConfig;
    expect(ask({ type: "enabled", budget_tokens: 8192 }, "gemini-3-pro")).toEqual({ includeThoughts: true, thinkingLevel: "LOW" });
    expect(ask({ type: "enabled", budget_tokens: 8193 }, "models/gemini-3-flash")).toEqual({ includeThoughts: true, thinkingLevel: "HIGH" });
    expect(ask({ type: "adaptive" }, "gemini-3-pro", "low")).toEqual({ includeThoughts: true, thinkingLevel: "LOW" });
    expect(ask({ type: "adaptive" }, "gemini-2.5-flash")).toEqual({ includeThoughts: true, thinkingBudget: -1 });
    expect(ask({ type: "enabled", budget_tokens: 100 }, "gemini-2.5-flash-lite")).toEqual({ includeThoughts: true, thinkingBudget: 512 });
    expect(ask({ type: "disabled" }, "gemini-2.5-flash")).toBeUndefined();
  });

  test("asks for JSON with the schema for structured output", () => {
    const schema = { type: "object", properties: { title: { type: "string" } } };
    const config = wire(base([{ role: "user", content: "x" }], { output_config: { format: { type: "json_schema", schema } } })).generationConfig;
    expect(config).toMatchObject({ responseMimeType: "application/json", responseJsonSchema: schema });
  });
});
