// Provider endpoints of the web UI: vendor presets, transformer names, a connection test and a provider's model list.
// Tests and model lists take a provider NAME from the saved config: no endpoint fetches a URL the caller supplies.
import { Elysia } from "elysia";
import * as v from "valibot";
import type { CompiledConfig, CompiledProvider } from "../config/compiled.ts";
import { providerPresets } from "../config/presets.ts";
import { RouterError, ValidationError } from "../errors.ts";
import { formatIssues } from "../formats/issues.ts";
import type { Logger } from "../log.ts";
import { errorResponse } from "../proxy/handle.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { listModels, testConnection } from "../proxy/probe.ts";
import { transformerRegistry } from "../transformers/registry.ts";

/** What the provider routes read: the running config and the logger. */
export interface ProviderRoutesState {
  config(): CompiledConfig;
  logger: Logger;
}

const TestBodySchema = v.object({ model: v.pipe(v.string("a model name"), v.minLength(1, "a model name")) }, "an object like {\"model\": \"...\"}");

/** The saved provider of that name; 404 when the saved config has none (unsaved edits are not tested). */
function savedProvider(config: CompiledConfig, name: string): CompiledProvider {
  const provider = config.providers.get(name);
  if (provider === undefined) {
    throw new RouterError(404, "not_found_error", `No provider "${name}" in the saved config; save it first.`);
  }
  return provider;
}

/** `GET /api/presets`, `GET /api/transformers`, `POST /api/providers/:name/test`, `GET /api/providers/:name/models`. */
export function providerRoutes(state: ProviderRoutesState) {
  return new Elysia()
    .get("/api/presets", () => ({ presets: providerPresets }))
    .get("/api/transformers", () => ({ transformers: [...transformerRegistry.keys()].sort() }))
    .post(
      "/api/providers/:name/test",
      async ({ request, params }) => {
        try {
          const config = state.config();
          const provider = savedProvider(config, params.name);
          const body = await readJsonBody(request, 64 * 1024);
          const parsed = v.safeParse(TestBodySchema, body.value);
          if (!parsed.success) throw new ValidationError(formatIssues(parsed.issues).join("; "));
          return Response.json(await testConnection(config, provider.name, parsed.output.model, { logger: state.logger }));
        } catch (err) {
          return errorResponse(err, state.logger);
        }
      },
      { parse: "none" },
    )
    .get("/api/providers/:name/models", async ({ params }) => {
      try {
        const config = state.config();
        const provider = savedProvider(config, params.name);
        const models = await listModels(provider, { network: { proxyUrl: config.proxyUrl, noProxy: config.noProxy } });
        return Response.json({ provider: provider.name, models });
      } catch (err) {
        return errorResponse(err, state.logger);
      }
    });
}
