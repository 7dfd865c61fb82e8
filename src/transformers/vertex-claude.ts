// CCR `vertex-claude`: Claude models on Vertex AI (Anthropic body via rawPredict), authenticated with a service account.
import { vertexClaudeAdapter } from "../providers/vertex.ts";
import type { Transformer } from "./transformer.ts";
import { vertexSettings } from "./vertex-options.ts";

/** `["vertex-claude", {"project", "location", "credentials"}]`; location defaults to us-east5. */
export function vertexClaude(options: unknown): Transformer {
  const vertex = vertexSettings(options, "us-east5");
  return { name: "vertex-claude", adapter: vertexClaudeAdapter, profile: { auth: "google-oauth", vertex } };
}
