// Options shared by the `vertex-gemini` and `vertex-claude` transformers (config fills gaps from GOOGLE_* env vars).
import * as v from "valibot";
import type { VertexSettings } from "../providers/adapter.ts";

const Filled = (what: string) => v.pipe(v.string(what), v.trim(), v.nonEmpty(what));
// A missing key reads as "" so the error can say where the value may come from instead of "required field is missing".
const Needed = (what: string) => v.pipe(v.optional(v.string(what), ""), v.trim(), v.nonEmpty(what));

const VertexOptions = v.strictObject(
  {
    project: Needed("a Google Cloud project id (or set GOOGLE_CLOUD_PROJECT)"),
    location: v.optional(v.pipe(Filled("a Vertex AI region such as us-central1, or global"), v.regex(/^[a-z0-9-]+$/, "a Vertex AI region such as us-central1, or global"))),
    credentials: Needed("a service-account JSON file path or the JSON itself (or set GOOGLE_APPLICATION_CREDENTIALS)"),
  },
  'an object like {"project": "my-project", "location": "us-central1", "credentials": "/path/to/service-account.json"}',
);

/** Validates vertex-* options; `location` defaults per publisher (CCR: us-central1 for Gemini, us-east5 for Claude). */
export function vertexSettings(options: unknown, defaultLocation: string): VertexSettings {
  const parsed = v.parse(VertexOptions, options);
  return { project: parsed.project, location: parsed.location ?? defaultLocation, credentials: parsed.credentials };
}
