// POST /v1/messages: validate → route → try the route (retry, fail over) → respond. The request's whole life in one place.
import * as v from "valibot";
import type { CompiledConfig, Route } from "../config/compiled.ts";
import { RouterError, ValidationError } from "../errors.ts";
import { MessagesRequestSchema, type MessagesRequest } from "../formats/anthropic.ts";
import { formatIssues } from "../formats/issues.ts";
import type { Logger } from "../log.ts";
import type { OverrideStore } from "../config/overrides.ts";
import { decide } from "../router/decide.ts";
import { resolvePair } from "../router/route.ts";
import { sessionIdOf } from "../router/session.ts";
import type { TokenCounter } from "../router/tokens.ts";
import { slotOf, type Decision, type Scenario } from "../router/types.ts";
import { newFacts, type RequestFacts } from "../usage/facts.ts";
import { recordEnd, type RecordEnd, type Recorder } from "../usage/recorder.ts";
import { attempt, type AttemptResult } from "./attempt.ts";
import type { CircuitBreaker } from "./circuit.ts";
import { createGoogleTokens, type GoogleTokens } from "./google-token.ts";
import { readJsonBody } from "./read-body.ts";
import { backoffMs } from "./retry.ts";
import { clientKeyEntryOf, clientKeyOf } from "../server/auth.ts";
import { allowedRoutes, type Limiter } from "../server/limits.ts";

export interface ProxyDeps {
  config: CompiledConfig;
  logger: Logger;
  breaker: CircuitBreaker;
  /** Memoized token counts, kept for the life of the server so a growing conversation costs only its new turns. */
  tokens: TokenCounter;
  /** Project and session Router overrides; absent when the server runs without a home directory. */
  overrides?: OverrideStore;
  /** Told when the custom router fails; the server logs each distinct message once. */
  onCustomRouterError?: (message: string) => void;
  /** Google access tokens for Vertex AI, cached for the server's life; a process-wide cache when absent. */
  googleTokens?: GoogleTokens;
  /** Per-client-key rpm/tpm/budget limits; a refusal is answered (429/402) and recorded like any other failure. */
  limiter?: Limiter;
  /** Waits between retries; injected so tests need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The request log; every request ends with one `record` call when present. */
  recorder?: Recorder;
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

let sharedGoogleTokens: GoogleTokens | undefined;

/** The token cache used when the caller passes none, created on first use. */
function googleTokensOf(deps: ProxyDeps): GoogleTokens {
  if (deps.googleTokens) return deps.googleTokens;
  sharedGoogleTokens ??= createGoogleTokens();
  return sharedGoogleTokens;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** The routes to try in order: the chosen one, then the scenario's fallbacks (each once). */
function candidates(config: CompiledConfig, primary: Route, scenario: Scenario): Route[] {
  const out = [primary];
  for (const r of config.fallback[slotOf(scenario)] ?? []) {
    if (!out.some((o) => o.provider === r.provider && o.model === r.model)) out.push(r);
  }
  return out;
}

/** Request headers as a plain lower-cased record (for the session id and custom routers). */
function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = value;
  return out;
}

/** Routes a validated request with the session's Router; counts tokens only when the answer can depend on them. */
async function route(parsed: MessagesRequest, bytes: number, request: Request, deps: ProxyDeps, facts: RequestFacts): Promise<Decision> {
  const { config } = deps;
  const headers = headerRecord(request.headers);
  const sessionId = sessionIdOf(headers, parsed);
  facts.session = sessionId ?? null;
  const router = deps.overrides ? await deps.overrides.routerFor(sessionId, config.router) : config.router;
  // A token is at least one byte, so a body no larger than the threshold cannot be long context: skip the tokenizer.
  const exact = config.customRouter !== undefined || (router.longContext !== undefined && bytes > router.longContextThreshold);
  return decide(parsed, {
    router,
    providers: config.providers,
    sessionId,
    headers,
    customRouter: config.customRouter ? { fn: config.customRouter, config: config.customRouterConfig } : undefined,
    tokens: exact ? deps.tokens : { count: () => bytes },
    onCustomRouterError: deps.onCustomRouterError,
  });
}

/** Handles one `/v1/messages` request end to end. */
export async function handleMessages(request: Request, deps: ProxyDeps): Promise<Response> {
  const facts = newFacts(false, deps.config.logBodies === true);
  facts.clientKey = clientKeyOf(request) ?? null;
  const record = recordEnd(deps.recorder, facts);
  try {
    const key = clientKeyEntryOf(request);
    if (key && deps.limiter) deps.limiter.admit(key);
    const body = await readJsonBody(request, deps.config.bodyLimit);
    facts.bodyBytes = body.bytes;
    const parsed = parseMessagesRequest(body.value);
    // Prompts reach the log only at trace (the logger still cuts every secret out).
    if (deps.logger.enabled("trace")) deps.logger.log("trace", "client request", { body: body.value });
    facts.stream = parsed.stream === true;
    if (facts.keepBodies) facts.requestBody = body.value;
    const decision = await route(parsed, body.bytes, request, deps, facts);
    Object.assign(facts, { scenario: decision.scenario, reason: decision.reason, tokenCount: decision.tokenCount });
    const chosen = resolvePair(deps.config, decision.route, decision.scenario);
    const primary = { provider: chosen.provider.name, model: chosen.model };
    // A client key with a route allowlist: 403 when the chosen route is off its list; fallbacks off the list are skipped.
    const routes = allowedRoutes(key, candidates(deps.config, primary, decision.scenario));
    return await tryRoutes(request, decision, body.bytes, routes, deps, facts, record);
  } catch (err) {
    const response = errorResponse(err, deps.logger);
    record(response.status, err instanceof RouterError ? err.type : "api_error");
    return response;
  }
}

interface Tried {
  route: string;
  outcome: string;
}

async function tryRoutes(
  request: Request,
  decision: Decision,
  bodySize: number,
  routes: Route[],
  deps: ProxyDeps,
  facts: RequestFacts,
  record: RecordEnd,
): Promise<Response> {
  const { config, logger, breaker } = deps;
  const { scenario, reason } = decision;
  const sleep = deps.sleep ?? abortableSleep;
  const tried: Tried[] = [];
  let last: Extract<AttemptResult, { ok: false }> | undefined;
  let waited = 0;
  let attempts = 0;
  for (const r of routes) {
    const key = `${r.provider},${r.model}`;
    if (!breaker.allow(key)) {
      tried.push({ route: key, outcome: "skipped (circuit open after repeated failures)" });
      facts.failures.push(`${key}: skipped (circuit open)`);
      continue;
    }
    const chosen = resolvePair(config, r, scenario);
    for (let retry = 0; ; retry++) {
      attempts++;
      Object.assign(facts, { attempts, provider: chosen.provider.name, model: chosen.model });
      const started = performance.now();
      const headers = { "x-ccr-route": `scenario=${scenario}; provider=${chosen.provider.name}; model=${chosen.model}; attempts=${attempts}` };
      const onEnd = (status: number, error: string | undefined, type?: string) => {
        logger.info("request", { scenario, reason, provider: chosen.provider.name, model: chosen.model, attempts, status, ms: Math.round(performance.now() - started), ...(error ? { error } : {}) });
        record(status, error === undefined ? null : (type ?? facts.streamError ?? (error === "client disconnected" ? "client_disconnected" : "api_error")));
      };
      const googleTokens = googleTokensOf(deps);
      const result = await attempt({ client: request, request: decision.request, bodySize, chosen, config, logger, googleTokens, headers, onEnd, facts });
      if (result.ok) {
        breaker.success(key);
        return result.response;
      }
      last = result;
      tried.push({ route: key, outcome: `${result.error.status} ${result.error.type}: ${result.error.message}` });
      facts.failures.push(`${key}: ${result.error.status} ${result.error.type}`);
      logger.warn("upstream attempt failed", { scenario, route: key, attempt: attempts, status: result.error.status, error: result.error.message });
      if (!result.retryable) {
        onEnd(result.error.status, result.error.message, result.error.type);
        return withHeader(result.error.toResponse(), headers);
      }
      breaker.failure(key);
      if (request.signal.aborted || retry >= config.retries || !breaker.allow(key)) break;
      const delay = backoffMs(retry, result.retryAfterMs);
      if (waited + delay > config.retryMaxWaitMs) break;
      waited += delay;
      await sleep(delay, request.signal);
    }
  }
  const response = finalError(tried, last);
  response.headers.set("x-ccr-route", `scenario=${scenario}; failed; attempts=${attempts}`);
  logger.info("request", { scenario, reason, attempts, status: response.status, error: "every route failed" });
  record(response.status, last?.error.type ?? "overloaded_error");
  return response;
}

function withHeader(response: Response, headers: Record<string, string>): Response {
  for (const [k, val] of Object.entries(headers)) response.headers.set(k, val);
  return response;
}

/** Every route failed or was skipped: say which were tried and why each failed. */
function finalError(tried: Tried[], last: Extract<AttemptResult, { ok: false }> | undefined): Response {
  const summary = tried.map((t) => `${t.route}: ${t.outcome}`).join("; ");
  if (!last) return new RouterError(503, "overloaded_error", `No route is available: ${summary}`).toResponse();
  if (tried.length === 1) return last.error.toResponse();
  const routes = new Set(tried.map((t) => t.route)).size;
  const lead = routes === 1 ? `Gave up after ${tried.length} attempts.` : `All routes failed.`;
  return new RouterError(last.error.status, last.error.type, `${lead} ${summary}`, last.error.headers).toResponse();
}
