// POST /v1/messages: validate → route → transform → forward → convert back. The request's whole life in one place.
import * as v from "valibot";
import type { CompiledConfig } from "../config/compiled.ts";
import { ProviderError, RouterError, ValidationError } from "../errors.ts";
import { MessagesRequestSchema, type MessagesRequest, type StreamEvent } from "../formats/anthropic.ts";
import { formatIssues } from "../formats/issues.ts";
import type { Logger } from "../log.ts";
import type { ResponseContext, StreamConverter, Target } from "../providers/adapter.ts";
import { messageToEvents } from "../providers/message-events.ts";
import { networkError } from "../providers/upstream-error.ts";
import { encodeEvents } from "../sse/encode.ts";
import { route, type ResolvedRoute } from "../router/route.ts";
import type { TransformContext, Transformer } from "../transformers/transformer.ts";
import { forward } from "./forward.ts";
import { passthroughHeaders, pipeBytes } from "./passthrough.ts";
import { readJsonBody } from "./read-body.ts";
import { SSE_HEADERS, pumpStream } from "./stream.ts";
import { startWatchdog, type Watchdog } from "./watchdog.ts";

export interface ProxyDeps {
  config: CompiledConfig;
  logger: Logger;
}

/** Validates a Messages request body; the error lists every problem with its field path. */
export function parseMessagesRequest(value: unknown): MessagesRequest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ValidationError("Request body must be a JSON object with model, messages and max_tokens.");
  }
  const result = v.safeParse(MessagesRequestSchema, value);
  if (!result.success) throw new ValidationError(formatIssues(result.issues).join("; "));
  return result.output;
}

/** Renders any failure as Anthropic's error JSON; unexpected ones are logged and hidden behind a generic message. */
export function errorResponse(err: unknown, logger: Logger): Response {
  if (err instanceof RouterError) return err.toResponse();
  logger.error("unexpected error", { error: err instanceof Error ? err.message : String(err) });
  return new RouterError(500, "api_error", "Internal error in ccr; see the server log.").toResponse();
}

function applyRequestTransformers(request: MessagesRequest, chain: readonly Transformer[], ctx: TransformContext) {
  let out = request;
  for (const t of chain) if (t.request) out = t.request(out, ctx);
  return out;
}

function applyWireTransformers(body: unknown, chain: readonly Transformer[], ctx: TransformContext): unknown {
  let out = body;
  for (const t of chain) {
    // Adapters always produce a JSON object body.
    if (t.wireRequest) out = t.wireRequest(out as Record<string, unknown>, ctx);
  }
  return out;
}

function withEventTransformers(conv: StreamConverter, chain: readonly Transformer[], ctx: TransformContext): StreamConverter {
  const hooks = chain.filter((t) => t.events);
  if (hooks.length === 0) return conv;
  const apply = (events: StreamEvent[]) => hooks.reduce((acc, t) => (t.events ? t.events(acc, ctx) : acc), events);
  return { push: (m) => apply(conv.push(m)), end: () => apply(conv.end()) };
}

/** Reads a whole upstream body under the watchdog; a stall or a cut becomes a 504/502. */
async function readAll(upstream: Response, watchdog: Watchdog, provider: string, url: string): Promise<string> {
  try {
    return await upstream.text();
  } catch {
    throw networkError(watchdog.fired ? "timeout" : "unreachable", provider, url);
  } finally {
    watchdog.stop();
  }
}

/** Handles one `/v1/messages` request end to end. */
export async function handleMessages(request: Request, deps: ProxyDeps): Promise<Response> {
  try {
    const body = await readJsonBody(request, deps.config.bodyLimit);
    const parsed = parseMessagesRequest(body.value);
    const chosen = route(deps.config, parsed.model);
    return await proxy(request, parsed, body.text.length, chosen, deps);
  } catch (err) {
    return errorResponse(err, deps.logger);
  }
}

async function proxy(
  request: Request,
  parsed: MessagesRequest,
  bodySize: number,
  chosen: ResolvedRoute,
  deps: ProxyDeps,
): Promise<Response> {
  const { config, logger } = deps;
  const { provider, model, plan } = chosen;
  const started = performance.now();
  const target: Target = { provider: provider.name, baseUrl: provider.baseUrl, apiKey: provider.apiKey, model, profile: plan.profile };
  const tctx: TransformContext = { provider: provider.name, model };
  const wire = plan.adapter.toWire(applyRequestTransformers(parsed, plan.transformers, tctx), target);
  const stream = parsed.stream === true;
  const url = plan.adapter.url(target, stream);
  const routeHeaders = { "x-ccr-route": `${chosen.scenario}; provider=${provider.name}; model=${model}` };
  const done = (status: number, error?: string) =>
    logger.info("request", { scenario: chosen.scenario, provider: provider.name, model, stream, status, ms: Math.round(performance.now() - started), ...(error ? { error } : {}) });

  const controller = new AbortController();
  const abort = () => controller.abort();
  request.signal.addEventListener("abort", abort, { once: true });
  const watchdog = startWatchdog(config.timeoutMs, abort);
  let upstream: Response;
  try {
    const body = JSON.stringify(applyWireTransformers(wire.body, plan.transformers, tctx));
    upstream = await forward({ url, headers: plan.adapter.headers(target, request.headers), body, signal: controller.signal }, config);
  } catch {
    watchdog.stop();
    const err = networkError(watchdog.fired ? "timeout" : "unreachable", provider.name, url);
    done(err.status, err.message);
    throw err;
  }
  watchdog.touch();

  if (!upstream.ok) {
    const text = await readAll(upstream, watchdog, provider.name, url);
    const err =
      upstream.status < 400
        ? new ProviderError({ status: 502, type: "api_error", message: `${provider.name} answered with unexpected status ${upstream.status}`, provider: provider.name, upstreamStatus: upstream.status })
        : plan.adapter.toError(upstream.status, text, upstream.headers, provider.name);
    done(err.status, err.message);
    const response = err.toResponse();
    for (const [k, val] of Object.entries(routeHeaders)) response.headers.set(k, val);
    return response;
  }

  if (plan.adapter.passthrough && upstream.body) {
    const sse = (upstream.headers.get("content-type") ?? "").includes("event-stream");
    done(upstream.status);
    return new Response(pipeBytes(upstream.body, { watchdog, abort, sse, timeoutMs: config.timeoutMs }), {
      status: upstream.status,
      headers: passthroughHeaders(upstream.headers, routeHeaders),
    });
  }

  const ctx: ResponseContext = { provider: provider.name, model, profile: plan.profile, toolNames: wire.toolNames, inputTokens: Math.ceil(bodySize / 4) };
  // Some OpenAI-compatible servers ignore `stream: true` (or report an error) with a JSON body: convert that instead.
  const jsonAnswer = (upstream.headers.get("content-type") ?? "").includes("json");
  if (stream && upstream.body && !jsonAnswer) {
    const converter = withEventTransformers(plan.adapter.createStream(ctx), plan.transformers, tctx);
    return pumpStream({
      upstream: upstream.body,
      converter,
      watchdog,
      timeoutMs: config.timeoutMs,
      abort,
      headers: routeHeaders,
      onEnd: ({ error }) => done(error ? 502 : 200, error),
    });
  }

  const text = await readAll(upstream, watchdog, provider.name, url);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError({ status: 502, type: "api_error", message: `${provider.name} returned a body that is not JSON`, provider: provider.name, upstreamStatus: upstream.status });
  }
  const message = plan.adapter.fromWireMessage(json, ctx);
  done(200);
  if (stream) return new Response(encodeEvents(messageToEvents(message)), { headers: { ...SSE_HEADERS, ...routeHeaders } });
  return Response.json(message, { headers: routeHeaders });
}
