// The Vertex AI adapters and transformers: URLs per region, the Claude body shape, headers, and option checks.
import { describe, expect, test } from "bun:test";
import * as v from "valibot";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";
import { type Target, defaultProfile } from "../../src/providers/adapter.ts";
import { VERTEX_ANTHROPIC_VERSION, vertexClaudeAdapter, vertexGeminiAdapter } from "../../src/providers/vertex.ts";
import { findTransformer } from "../../src/transformers/registry.ts";
import { vertexClaude } from "../../src/transformers/vertex-claude.ts";
import { vertexGemini } from "../../src/transformers/vertex-gemini.ts";

const credentials = "/keys/sa.json";

function target(model: string, location: string, baseUrl = "https://aiplatform.googleapis.com/"): Target {
  const vertex = { project: "my-proj", location, credentials };
  return { provider: "vertex", baseUrl, apiKey: "", model, profile: { ...defaultProfile, auth: "google-oauth", vertex } };
}

const request: MessagesRequest = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "hi" }], stream: true };

describe("vertex URLs", () => {
  test("sends Gemini calls to the regional host with generateContent or streamGenerateContent", () => {
    const t = target("gemini-2.5-pro", "us-central1");
    const path = "/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-pro";
    expect(vertexGeminiAdapter.url(t, false)).toBe(`https://us-central1-aiplatform.googleapis.com${path}:generateContent`);
    expect(vertexGeminiAdapter.url(t, true)).toBe(`https://us-central1-aiplatform.googleapis.com${path}:streamGenerateContent?alt=sse`);
  });

  test("uses the host without a region prefix for the global location", () => {
    expect(vertexGeminiAdapter.url(target("gemini-2.5-flash", "global"), false)).toBe(
      "https://aiplatform.googleapis.com/v1/projects/my-proj/locations/global/publishers/google/models/gemini-2.5-flash:generateContent",
    );
  });

  test("sends Claude calls to rawPredict or streamRawPredict and keeps the @ of the model version", () => {
    const t = target("claude-sonnet-4@20250514", "us-east5");
    const path = "/v1/projects/my-proj/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514";
    expect(vertexClaudeAdapter.url(t, false)).toBe(`https://us-east5-aiplatform.googleapis.com${path}:rawPredict`);
    expect(vertexClaudeAdapter.url(t, true)).toBe(`https://us-east5-aiplatform.googleapis.com${path}:streamRawPredict`);
  });

  test("keeps the Vertex path on a base URL that is not googleapis.com, so a local server can stand in", () => {
    const t = target("gemini-2.5-pro", "us-central1", "http://127.0.0.1:8123/ignored");
    expect(vertexGeminiAdapter.url(t, false)).toBe(
      "http://127.0.0.1:8123/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
    );
  });
});

describe("vertex-claude body and headers", () => {
  test("drops model from the Anthropic body and adds Vertex's anthropic_version", () => {
    const body = vertexClaudeAdapter.toWire(request, target("claude-sonnet-4@20250514", "us-east5")).body;
    expect(body).toEqual({ max_tokens: 1024, messages: [{ role: "user", content: "hi" }], stream: true, anthropic_version: VERTEX_ANTHROPIC_VERSION });
    expect(request.model).toBe("claude-sonnet-4-5");
  });

  test("passes anthropic-beta through but no anthropic-version header and no key header", () => {
    const client = new Headers({ "anthropic-beta": "interleaved-thinking-2025-05-14", "anthropic-version": "2023-06-01", "x-api-key": "client" });
    expect(vertexClaudeAdapter.headers(target("c", "us-east5"), client)).toEqual({
      "content-type": "application/json",
      "anthropic-beta": "interleaved-thinking-2025-05-14",
    });
  });

  test("leaves authorization to the proxy for Gemini too", () => {
    expect(vertexGeminiAdapter.headers(target("g", "us-central1"), new Headers()).authorization).toBeUndefined();
  });
});

describe("vertex transformers", () => {
  test("select the Vertex adapters with google-oauth auth and each publisher's default region", () => {
    const gemini = vertexGemini({ project: "p", credentials });
    expect(gemini.adapter).toBe(vertexGeminiAdapter);
    expect(gemini.profile).toEqual({ auth: "google-oauth", vertex: { project: "p", location: "us-central1", credentials } });
    const claude = findTransformer("Vertex-Claude")?.({ project: "p", credentials, location: "europe-west1" });
    expect(claude?.adapter).toBe(vertexClaudeAdapter);
    expect(claude?.profile?.vertex).toEqual({ project: "p", location: "europe-west1", credentials });
    expect(vertexClaude({ project: "p", credentials }).profile?.vertex?.location).toBe("us-east5");
  });

  test("reject missing credentials, unknown keys and a malformed region", () => {
    expect(() => vertexGemini({ project: "p" })).toThrow(v.ValiError);
    expect(() => vertexGemini({ project: "p", credentials, region: "x" })).toThrow(v.ValiError);
    expect(() => vertexClaude({ project: "p", credentials, location: "US Central" })).toThrow(v.ValiError);
    expect(() => vertexClaude(undefined)).toThrow(v.ValiError);
  });
});
