// Vertex AI upstreams: Gemini and Claude models served by Google Cloud, reusing the Gemini and Anthropic adapters.
import type { Adapter, Target, VertexSettings } from "./adapter.ts";
import { anthropicAdapter } from "./anthropic.ts";
import { geminiAdapter } from "./gemini.ts";

/** Vertex's `anthropic_version` body field, required in place of the `anthropic-version` header. */
export const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

function settingsOf(target: Target): VertexSettings {
  const settings = target.profile.vertex;
  // Only the vertex-* transformers select these adapters, and they always set the settings.
  if (settings === undefined) throw new Error(`provider "${target.provider}" has no Vertex AI project settings`);
  return settings;
}

/** `https://{location}-aiplatform.googleapis.com` (`global` has no region prefix); a base URL that is not a
 * googleapis.com URL (a local test server, a private gateway) replaces the host and keeps the Vertex path. */
function origin(baseUrl: string, location: string): string {
  const base = new URL(baseUrl);
  if (base.hostname !== "googleapis.com" && !base.hostname.endsWith(".googleapis.com")) return base.origin;
  return location === "global" ? "https://aiplatform.googleapis.com" : `https://${location}-aiplatform.googleapis.com`;
}

/** The full Vertex URL of one model method, e.g. `…/publishers/google/models/gemini-2.5-pro:generateContent`. */
export function vertexUrl(target: Target, publisher: "google" | "anthropic", method: string): string {
  const { project, location } = settingsOf(target);
  // Not percent-encoded: Vertex Claude ids carry an `@` version (`claude-sonnet-4@20250514`).
  const model = target.model.replace(/^models\//, "");
  const path = `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/${publisher}/models/${model}`;
  return `${origin(target.baseUrl, location)}${path}:${method}`;
}

const JSON_HEADERS = { "content-type": "application/json" };

/** Vertex Gemini: the Gemini wire format; the proxy adds the OAuth bearer token. */
export const vertexGeminiAdapter: Adapter = {
  ...geminiAdapter,
  name: "vertex-gemini",
  url: (target, stream) => vertexUrl(target, "google", stream ? "streamGenerateContent?alt=sse" : "generateContent"),
  headers: () => ({ ...JSON_HEADERS, accept: "application/json, text/event-stream" }),
};

/** Vertex Claude: the Anthropic body without `model` (it is in the URL) plus Vertex's `anthropic_version`. */
export const vertexClaudeAdapter: Adapter = {
  ...anthropicAdapter,
  name: "vertex-claude",
  url: (target, stream) => vertexUrl(target, "anthropic", stream ? "streamRawPredict" : "rawPredict"),
  headers: (_target, client) => {
    const beta = client.get("anthropic-beta");
    return beta ? { ...JSON_HEADERS, "anthropic-beta": beta } : { ...JSON_HEADERS };
  },
  toWire: (request, target) => {
    const wire = anthropicAdapter.toWire(request, target);
    // The Anthropic adapter always builds an object body.
    const { model: _model, ...rest } = wire.body as Record<string, unknown>;
    return { ...wire, body: { ...rest, anthropic_version: VERTEX_ANTHROPIC_VERSION } };
  },
};
