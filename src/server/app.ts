// The thin Elysia shell: routes, auth hook and error rendering. All real work happens in proxy/ and server/info.ts.
import { Elysia } from "elysia";
import type { CompiledConfig } from "../config/compiled.ts";
import { RouterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { errorResponse, handleMessages, type ProxyDeps } from "../proxy/handle.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { checkAuth } from "./auth.ts";
import { countTokens, health, modelList } from "./info.ts";

export interface AppState {
  /** The current compiled config; a reload swaps it and in-flight requests keep the one they started with. */
  config(): CompiledConfig;
  /** What the proxy needs for one request, built from the current config and the server-lifetime state. */
  deps(): ProxyDeps;
  logger: Logger;
  version: string;
  startedAt: number;
}

const PUBLIC_PATHS = new Set(["/health"]);

/** Builds the HTTP app for a server state. */
export function createApp(state: AppState) {
  return new Elysia()
    .onRequest(({ request }) => {
      const path = new URL(request.url).pathname;
      if (PUBLIC_PATHS.has(path)) return;
      try {
        checkAuth(request.headers, state.config().apiKey);
      } catch (err) {
        return errorResponse(err, state.logger);
      }
    })
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
