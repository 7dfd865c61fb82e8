// Upstream failures as Anthropic errors (conversion spec §11): HTTP errors, error bodies on 200, in-stream errors
// and network failures.
import { type AnthropicErrorType, ProviderError, errorTypeForStatus } from "../errors.ts";
import type { StreamEvent } from "../formats/anthropic.ts";
import {
  type ErrorFacts,
  bodyFacts,
  clip,
  errorFacts,
  httpCode,
  isContextOverflow,
  overflowMessage,
  redactSecrets,
} from "./upstream-message.ts";

const FORWARDED_HEADERS = ["retry-after", "retry-after-ms"];

function forwardedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Builds the error from a response status and what the body said; context overflow becomes Anthropic's 400. */
function toProviderError(
  status: number,
  facts: ErrorFacts,
  provider: string,
  extra: { upstreamStatus: number; headers?: Record<string, string> },
): ProviderError {
  const message = clip(redactSecrets(facts.message ?? `upstream returned HTTP ${extra.upstreamStatus}`));
  if (isContextOverflow(facts)) {
    return new ProviderError({ ...extra, status: 400, type: "invalid_request_error", message: clip(overflowMessage(message)), provider });
  }
  return new ProviderError({ ...extra, status, type: errorTypeForStatus(status), message, provider });
}

/** The status we answer with: the upstream's own 4xx/5xx; for an error body on 2xx its numeric code (else 502);
 * 1xx/3xx become 502. */
function responseStatus(status: number, facts: ErrorFacts): number {
  if (status >= 400 && status <= 599) return status;
  if (status >= 200 && status <= 299) return httpCode(facts) ?? 502;
  return 502;
}

/** An upstream HTTP error response → ProviderError (§11.2 status → type, §11.3 message, retry headers kept). */
export function upstreamError(status: number, bodyText: string, headers: Headers, provider: string): ProviderError {
  const facts = bodyFacts(bodyText);
  return toProviderError(responseStatus(status, facts), facts, provider, {
    upstreamStatus: status,
    headers: forwardedHeaders(headers),
  });
}

/** A 200 body whose content is an error (`{error:{…}}`, `choices[0].error`) → ProviderError. */
export function payloadError(error: unknown, provider: string): ProviderError {
  const facts = errorFacts(error);
  return toProviderError(responseStatus(200, facts), facts, provider, { upstreamStatus: 200 });
}

/** A 200 answer we cannot use (no choices, unreadable JSON) → 502 api_error. */
export function badResponseError(reason: string, provider: string): ProviderError {
  return new ProviderError({ status: 502, type: "api_error", message: reason, provider, upstreamStatus: 200 });
}

const KEYWORDS: readonly [RegExp, AnthropicErrorType][] = [
  [/rate_limit|too_many_requests|RESOURCE_EXHAUSTED/i, "rate_limit_error"],
  [/overloaded|UNAVAILABLE|capacity|insufficient_system_resource/i, "overloaded_error"],
  [/context_length|invalid_request|INVALID_ARGUMENT/i, "invalid_request_error"],
  [/timeout|DEADLINE_EXCEEDED/i, "timeout_error"],
  [/auth|invalid_api_key|UNAUTHENTICATED/i, "authentication_error"],
  [/PERMISSION_DENIED/i, "permission_error"],
];

/** §11.4: the numeric code/status via §11.2, else a keyword on the code/type/status strings, else api_error. */
function streamErrorType(facts: ErrorFacts): AnthropicErrorType {
  const status = httpCode(facts);
  if (status !== undefined) return errorTypeForStatus(status);
  for (const code of facts.codes) {
    if (typeof code !== "string") continue;
    for (const [pattern, type] of KEYWORDS) if (pattern.test(code)) return type;
  }
  return "api_error";
}

/** An error found inside an upstream stream → Anthropic's terminal `error` event. */
export function streamErrorEvent(payloadError: unknown): StreamEvent {
  const facts = errorFacts(payloadError);
  const message = clip(redactSecrets(facts.message ?? "upstream reported an error"));
  if (isContextOverflow(facts)) {
    return { type: "error", error: { type: "invalid_request_error", message: clip(overflowMessage(message)) } };
  }
  return { type: "error", error: { type: streamErrorType(facts), message } };
}

/** The URL without credentials, query string or fragment (Gemini puts the key in `?key=`). */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return url.split(/[?#]/, 1)[0] ?? "";
  }
}

/** The upstream never answered: timeout → 504 timeout_error; refused/DNS/TLS/reset → 502 api_error, naming the
 * fetch error's code (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT, ...) when there is one. */
export function networkError(kind: "timeout" | "unreachable", provider: string, url: string, cause?: unknown): ProviderError {
  const where = `provider "${provider}" at ${safeUrl(url)}`;
  if (kind === "timeout") {
    return new ProviderError({ status: 504, type: "timeout_error", message: `${where} did not respond in time`, provider });
  }
  const code = cause instanceof Error && "code" in cause && typeof cause.code === "string" ? cause.code : "";
  const why = /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? ` (${code})` : "";
  return new ProviderError({ status: 502, type: "api_error", message: `could not reach ${where}${why}`, provider });
}
