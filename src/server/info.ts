// Small read-only endpoints: health, model list, token counting.
import * as v from "valibot";
import type { CompiledConfig } from "../config/compiled.ts";
import { ValidationError } from "../errors.ts";
import { CountTokensRequestSchema } from "../formats/anthropic.ts";
import { formatIssues } from "../formats/issues.ts";
import { configuredRoutes } from "../router/route.ts";
import { countRequestTokens } from "../router/tokens.ts";

/** `GET /health`: status, version, uptime in seconds, and `service`/`pid` so `ccr start` can tell its own server on a port. */
export function health(version: string, startedAt: number) {
  return { status: "ok", service: "ccr", pid: process.pid, version, uptime: Math.round((Date.now() - startedAt) / 1000) };
}

/** `GET /v1/models`: every configured `provider,model` in Anthropic's model-list shape. */
export function modelList(config: CompiledConfig, startedAt: number) {
  const created = new Date(startedAt).toISOString();
  const data = configuredRoutes(config).map((id) => ({ type: "model", id, display_name: id, created_at: created }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

/** `POST /v1/messages/count_tokens`: answered locally with gpt-tokenizer. */
export function countTokens(body: unknown) {
  const result = v.safeParse(CountTokensRequestSchema, body);
  if (!result.success) throw new ValidationError(formatIssues(result.issues).join("; "));
  return { input_tokens: countRequestTokens(result.output) };
}
