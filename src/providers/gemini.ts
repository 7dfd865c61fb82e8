// Google Gemini generateContent: the adapter object wiring the conversions together (conversion spec §5–§7).
import type { Adapter, Target } from "./adapter.ts";
import { toGemini } from "./gemini-request.ts";
import { fromGemini } from "./gemini-response.ts";
import { createGeminiStream } from "./gemini-stream.ts";
import { upstreamError } from "./upstream-error.ts";

/** `<base>/…/models/<model>:<method>`: a base ending in `/models` is used as is; an API root or version gets the
 * missing segments; a `models/` prefix on the model is never doubled. */
export function geminiUrl(baseUrl: string, model: string, stream: boolean): string {
  const url = new URL(baseUrl);
  let path = url.pathname.replace(/\/+$/, "");
  if (path === "") path = "/v1beta/models";
  else if (!path.endsWith("/models")) path = `${path}/models`;
  const name = model.replace(/^models\//, "");
  const method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  return `${url.origin}${path}/${name}${method}`;
}

function headers(target: Target): Record<string, string> {
  const out: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (target.apiKey === "" || target.profile.auth === "none") return out;
  if (target.profile.auth === "bearer") out.authorization = `Bearer ${target.apiKey}`; // Vertex AI uses OAuth bearer tokens
  else if (target.profile.auth === "x-api-key") out["x-api-key"] = target.apiKey;
  else out["x-goog-api-key"] = target.apiKey;
  return out;
}

export const geminiAdapter: Adapter = {
  name: "gemini",
  passthrough: false,
  url: (target, stream) => geminiUrl(target.baseUrl, target.model, stream),
  headers,
  toWire: toGemini,
  fromWireMessage: fromGemini,
  createStream: createGeminiStream,
  toError: upstreamError,
};
