// CCR reads Vertex AI settings from GOOGLE_* env vars; transformers have no env, so config fills them in as options.
import type { Env } from "./paths.ts";

const VERTEX_NAMES = new Set(["vertex-gemini", "vertex-claude"]);

const ENV_OPTIONS = [
  ["project", "GOOGLE_CLOUD_PROJECT"],
  ["location", "GOOGLE_CLOUD_LOCATION"],
  ["credentials", "GOOGLE_APPLICATION_CREDENTIALS"],
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The options of a `vertex-*` transformer with missing keys taken from the environment; others unchanged. */
export function withVertexEnv(name: string, options: unknown, env: Env): unknown {
  if (!VERTEX_NAMES.has(name.toLowerCase())) return options;
  if (options !== undefined && !isRecord(options)) return options;
  const filled: Record<string, unknown> = {};
  for (const [key, variable] of ENV_OPTIONS) {
    const value = env[variable];
    if (value !== undefined && value !== "") filled[key] = value;
  }
  return { ...filled, ...options };
}
