// The thin Elysia shell: routes, auth hook and error rendering. All real work happens in proxy/ and server/info.ts.
import { Elysia } from "elysia";
import type { CompiledConfig } from "../config/compiled.ts";
import type { Env } from "../config/paths.ts";
import { RouterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { errorResponse, handleMessages, type ProxyDeps } from "../proxy/handle.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { adminRequestOf, checkAdmin, checkLocalOnly, isAdminPath } from "./admin-guard.ts";
import { authenticate } from "./auth.ts";
import { adminPolicyOf, clientKeysOf } from "./client-keys.ts";
import { configRoutes } from "./config-routes.ts";
import { logsRoutes } from "./logs-routes.ts";
import { scrubResponse } from "./scrub.ts";
import { countTokens, health, modelList } from "./info.ts";
import { createMetrics, metricsRoute, type Metrics } from "./metrics.ts";
import { providerRoutes } from "./provider-routes.ts";
import { statusRoute } from "./status-route.ts";
import { uiRoutes } from "./ui-routes.ts";
import { usageRoutes } from "./usage-routes.ts";
import type { CircuitBreaker } from "../proxy/circuit.ts";
import type { Recorder } from "../usage/recorder.ts";

export interface AppState {
  /** The current compiled config; a reload swaps it and in-flight requests keep the one they started with. */
  config(): CompiledConfig;
  /** What the proxy needs for one request, built from the current config and the server-lifetime state. */
  deps(): ProxyDeps;
  logger: Logger;
  version: string;
  startedAt: number;
  /** Request log, metrics and circuit state for /api/requests, /api/usage, /api/status and /metrics. */
  usage?: UsageState;
  /** The server's environment (CCR_HOME, $VAR values) for the config routes; absent = the running config's file. */
  env?: Env;
  /** Applies a config saved through PUT /api/config before the answer goes out. */
  applySavedConfig?: () => Promise<void>;
}

/** What the request-log, status and metrics routes read. */
export interface UsageState {
  recorder: Recorder | undefined;
  metrics: Metrics;
  breaker: CircuitBreaker | undefined;
  /** Path of the request log file, when there is one. */
  requestLog: string | undefined;
}

const PUBLIC_PATHS = new Set(["/health"]);

/** Builds the HTTP app for a server state. */
export function createApp(state: AppState) {
  const usage = state.usage ?? { recorder: undefined, metrics: createMetrics(), breaker: undefined, requestLog: undefined };
  const facts = { version: state.version, startedAt: state.startedAt };
  return new Elysia()
    .onRequest(({ request, server }) => {
      // Bun builds the URL from the Host header; without one (HTTP/1.0) or with a malformed one (`a b`) the client erred: not a 500.
      if (!URL.canParse(request.url)) return new RouterError(400, "invalid_request_error", "Missing or malformed Host header.").toResponse();
      const path = new URL(request.url).pathname;
      if (PUBLIC_PATHS.has(path)) return;
      try {
        // Admin paths (/api, /ui, /metrics) pass the admin guard before any route sees them; the rest need a client key.
        if (isAdminPath(path)) checkAdmin(adminRequestOf(request, server), adminPolicyOf(state.config()));
        else {
          const keys = clientKeysOf(state.config());
          // No key configured: like CCR, refuse other web origins; and a loopback Host, against DNS rebinding.
          if (keys.length === 0) checkLocalOnly(adminRequestOf(request, server));
          authenticate(request, keys);
        }
      } catch (err) {
        return errorResponse(err, state.logger);
      }
    })
    // Global, so routes other files mount below get it too.
    .mapResponse({ as: "global" }, ({ responseValue, request }) => scrubResponse(responseValue, request, state.config().secrets))
    .use(configRoutes({ config: () => state.config(), env: state.env, logger: state.logger, applySaved: state.applySavedConfig }))
    .use(logsRoutes({ env: state.env }))
    .use(usageRoutes({ recorder: usage.recorder }))
    .use(statusRoute({ ...facts, configPath: () => state.config().path, breaker: usage.breaker, requestLog: usage.requestLog }))
    .use(metricsRoute({ ...facts, metrics: usage.metrics, breaker: usage.breaker }))
    .use(providerRoutes({ config: () => state.config(), logger: state.logger }))
    .use(uiRoutes())
    .get("/health", () => health(state.version, state.startedAt))
    .get("/v1/models", () => modelList(state.config(), state.startedAt))
    .post("/v1/messages", ({ request }) => handleMessages(request, state.deps()), {
      parse: "none",
    })
    .post(
      "/v1/messages/count_tokens",
      async ({ request }) => {
        try {
          const body = await readJsonBody(request, state.config().bodyLimit);
          return Response.json(countTokens(body.value));
        } catch (err) {
          return errorResponse(err, state.logger);
        }
      },
      { parse: "none" },
    )
    .onError(({ code, error, request }) => {
      if (code === "NOT_FOUND") {
        const path = new URL(request.url).pathname;
        return new RouterError(404, "not_found_error", `No route ${request.method} ${path}. ccr serves POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models and GET /health.`).toResponse();
      }
      return errorResponse(error, state.logger);
    });
}
