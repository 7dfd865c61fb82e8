// OpenAI Responses API (`/v1/responses`): the adapter object wiring the conversions together (conversion spec §8, §9).
import type { Adapter, Target } from "./adapter.ts";
import { endpoint } from "./endpoint.ts";
import { toOpenAiResponses } from "./openai-responses-request.ts";
import { fromOpenAiResponses } from "./openai-responses-response.ts";
import { createOpenAiResponsesStream } from "./openai-responses-stream.ts";
import { upstreamError } from "./upstream-error.ts";

function headers(target: Target): Record<string, string> {
  const out: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (target.apiKey && target.profile.auth !== "none") out.authorization = `Bearer ${target.apiKey}`;
  return out;
}

export const openAiResponsesAdapter: Adapter = {
  name: "openai-responses",
  passthrough: false,
  // A full `.../responses` URL is used as is; an API root (`https://api.openai.com/v1`) gets `/responses`.
  url: (target) => endpoint(target.baseUrl, "/responses"),
  headers,
  toWire: toOpenAiResponses,
  fromWireMessage: fromOpenAiResponses,
  createStream: createOpenAiResponsesStream,
  toError: upstreamError,
};
