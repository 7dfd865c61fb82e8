// CCR `vertex-gemini`: Gemini models on Vertex AI, authenticated with a service account's OAuth token.
import { vertexGeminiAdapter } from "../providers/vertex.ts";
import type { Transformer } from "./transformer.ts";
import { vertexSettings } from "./vertex-options.ts";

/** `["vertex-gemini", {"project", "location", "credentials"}]`; location defaults to us-central1. */
export function vertexGemini(options: unknown): Transformer {
  const vertex = vertexSettings(options, "us-central1");
  return { name: "vertex-gemini", adapter: vertexGeminiAdapter, profile: { auth: "google-oauth", vertex } };
}
