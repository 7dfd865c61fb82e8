// One try of one route: convert, send, and either hand back a response or say why it failed before any byte went out.
import { ProviderError, RouterError, asErrorType, statusForErrorType } from "../errors.ts";
import type { AnthropicMessage, MessagesRequest, StreamEvent } from "../formats/anthropic.ts";
import type { Logger } from "../log.ts";
import type { ResponseContext, StreamConverter, Target } from "../providers/adapter.ts";
import { messageToEvents } from "../providers/message-events.ts";
import { messageFromEvents } from "../providers/message-from-events.ts";
import { createSseParser } from "../sse/parse.ts";
import { networkError } from "../providers/upstream-error.ts";
import type { ResolvedRoute } from "../router/route.ts";
import { encodeEvents } from "../sse/encode.ts";
import type { TransformContext, Transformer } from "../transformers/transformer.ts";
import type { CompiledConfig } from "../config/compiled.ts";
import { forward } from "./forward.ts";
import type { GoogleTokens } from "./google-token.ts";
import { passthroughHeaders, pipeBytes } from "./passthrough.ts";
import { isRetryableStatus, retryAfterMs } from "./retry.ts";
import { SSE_HEADERS, pumpStream } from "./stream.ts";
import { startWatchdog, type Watchdog } from "./watchdog.ts";
import { byteTap } from "../usage/byte-tap.ts";
import { observeMessage, resetAttempt, tapConverter, type RequestFacts } from "../usage/facts.ts";

export type AttemptResult =
  | { ok: true; response: Response }
  | { ok: false; error: RouterError; retryable: boolean; retryAfterMs: number | undefined };

export interface AttemptInput {
  client: Request;
  request: MessagesRequest;
  bodySize: number;
  chosen: ResolvedRoute;
  config: CompiledConfig;
  logger: Logger;
  /** Service-account access tokens for `google-oauth` upstreams (Vertex AI). */
  googleTokens: GoogleTokens;
  /** Response headers describing the route (`x-ccr-route`). */
  headers: Record<string, string>;
  /** Called once the response is finished (streams: when the last byte went out). */
  onEnd: (status: number, error: string | undefined) => void;
  /** The request's facts for the request log: usage, first byte and stream errors are noted here. */
  facts?: RequestFacts;
}

function failed(error: RouterError): AttemptResult {
  const retryable = isRetryableStatus(error.status);
  return { ok: false, error, retryable, retryAfterMs: retryable ? retryAfterMs(error.headers, Date.now()) : undefined };
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
  } catch (err) {
    throw networkError(watchdog.fired ? "timeout" : "unreachable", provider, url, err);
  } finally {
    watchdog.stop();
  }
}

/** Event hooks see a whole message as the events that would have streamed it, so they act the same on both paths. */
function withMessageTransformers(message: AnthropicMessage, chain: readonly Transformer[], ctx: TransformContext): AnthropicMessage {
  if (!chain.some((t) => t.events)) return message;
  const converted = withEventTransformers({ push: () => [], end: () => messageToEvents(message) }, chain, ctx).end();
  const folded = messageFromEvents(converted);
  return folded.ok ? folded.message : message;
}

function foldStream(text: string, converter: StreamConverter) {
  const parser = createSseParser();
  const messages = [...parser.push(text), ...parser.end()];
  return messageFromEvents([...messages.flatMap((m) => converter.push(m)), ...converter.end()]);
}

/** Tries one route once. Failures before the first byte come back as values, so the caller can retry or fail over. */
export async function attempt(input: AttemptInput): Promise<AttemptResult> {
  const { client, config, chosen, facts } = input;
  if (facts) resetAttempt(facts);
  const { provider, model, plan } = chosen;
  const target: Target = { provider: provider.name, baseUrl: provider.baseUrl, apiKey: provider.apiKey, model, profile: plan.profile };
  const tctx: TransformContext = { provider: provider.name, model };
  const wire = plan.adapter.toWire(applyRequestTransformers(input.request, plan.transformers, tctx), target);
  const stream = input.request.stream === true;
  const url = plan.adapter.url(target, stream);

  let headers = plan.adapter.headers(target, client.headers);
  if (plan.profile.auth === "google-oauth" && plan.profile.vertex) {
    try {
      headers = { ...headers, authorization: `Bearer ${await input.googleTokens.get(plan.profile.vertex.credentials, provider.name, config)}` };
    } catch (err) {
      if (err instanceof ProviderError) return failed(err);
      throw err;
    }
  }

  const controller = new AbortController();
  const abort = () => controller.abort();
  client.signal.addEventListener("abort", abort, { once: true });
  const watchdog = startWatchdog(config.timeoutMs, abort);
  let upstream: Response;
  try {
    const body = JSON.stringify(applyWireTransformers(wire.body, plan.transformers, tctx));
    // Prompts reach the log only at trace (the logger still cuts every secret out).
    if (input.logger.enabled("trace")) input.logger.log("trace", "upstream request", { provider: provider.name, url, body });
    upstream = await forward({ url, headers, body, signal: controller.signal }, config);
  } catch (err) {
    watchdog.stop();
    return failed(networkError(watchdog.fired ? "timeout" : "unreachable", provider.name, url, err));
  }
  watchdog.touch();

  try {
    if (!upstream.ok) {
      const text = await readAll(upstream, watchdog, provider.name, url);
      if (upstream.status < 400) {
        const message = `${provider.name} answered with unexpected status ${upstream.status}`;
        return failed(new ProviderError({ status: 502, type: "api_error", message, provider: provider.name, upstreamStatus: upstream.status }));
      }
      return failed(plan.adapter.toError(upstream.status, text, upstream.headers, provider.name));
    }

    if (plan.adapter.passthrough && upstream.body) {
      const sse = (upstream.headers.get("content-type") ?? "").includes("event-stream");
      const tap = facts ? byteTap(facts, sse) : undefined;
      const onEnd = (error: string | undefined) => input.onEnd(error ? 502 : upstream.status, error);
      const body = pipeBytes(upstream.body, { watchdog, abort, sse, timeoutMs: config.timeoutMs, tap, onEnd });
      return { ok: true, response: new Response(body, { status: upstream.status, headers: passthroughHeaders(upstream.headers, input.headers) }) };
    }

    const ctx: ResponseContext = { provider: provider.name, model, profile: plan.profile, toolNames: wire.toolNames, inputTokens: Math.ceil(input.bodySize / 4) };
    if (facts) facts.seededInput = ctx.inputTokens;
    // Some OpenAI-compatible servers ignore `stream: true` (or report an error) with a JSON body: convert that instead.
    const jsonAnswer = (upstream.headers.get("content-type") ?? "").includes("json");
    if (stream && upstream.body && !jsonAnswer) {
      const converted = withEventTransformers(plan.adapter.createStream(ctx), plan.transformers, tctx);
      const converter = facts ? tapConverter(converted, facts) : converted;
      const pumped = await pumpStream({
        upstream: upstream.body,
        converter,
        watchdog,
        timeoutMs: config.timeoutMs,
        abort,
        headers: input.headers,
        onEnd: ({ error }) => input.onEnd(error ? 502 : 200, error),
        secrets: config.secrets,
      });
      return "error" in pumped ? failed(pumped.error) : { ok: true, response: pumped.response };
    }

    const text = await readAll(upstream, watchdog, provider.name, url);
    if (!jsonAnswer && (upstream.headers.get("content-type") ?? "").includes("event-stream")) {
      // A server that streams although `stream` was false: run the stream converter over the whole body.
      const folded = foldStream(text, withEventTransformers(plan.adapter.createStream(ctx), plan.transformers, tctx));
      if (!folded.ok) return failed(new RouterError(statusForErrorType(folded.error.type), asErrorType(folded.error.type), folded.error.message));
      if (facts) observeMessage(facts, folded.message);
      input.onEnd(200, undefined);
      return { ok: true, response: Response.json(folded.message, { headers: input.headers }) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const message = `${provider.name} returned a body that is not JSON`;
      return failed(new ProviderError({ status: 502, type: "api_error", message, provider: provider.name, upstreamStatus: upstream.status }));
    }
    const message = withMessageTransformers(plan.adapter.fromWireMessage(json, ctx), plan.transformers, tctx);
    if (facts) observeMessage(facts, message);
    input.onEnd(200, undefined);
    if (stream) return { ok: true, response: new Response(encodeEvents(messageToEvents(message)), { headers: { ...SSE_HEADERS, ...input.headers } }) };
    return { ok: true, response: Response.json(message, { headers: input.headers }) };
  } catch (err) {
    watchdog.stop();
    if (err instanceof ProviderError) return failed(err);
    throw err;
  }
}
