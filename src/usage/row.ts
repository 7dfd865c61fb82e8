// Turns a finished request's facts into a log row: token counts (reported or estimated), speed, context window, cost.
import type { CompiledConfig } from "../config/compiled.ts";
import { redact } from "../log.ts";
import type { RequestFacts } from "./facts.ts";
import { modelInfoFor } from "./model-info.ts";
import { costOf, type TokenCounts } from "./prices.ts";
import type { NewRow } from "./store.ts";

/** How a request ended. */
export interface Ending {
  status: number;
  errorType: string | null;
  durationMs: number;
}

function tokensOf(f: RequestFacts, ok: boolean): TokenCounts & { estimated: boolean } {
  const u = f.usage;
  // A converting adapter seeds input_tokens with its bytes/4 guess and keeps it when the upstream reports nothing.
  const reported = u !== undefined && u.input_tokens !== undefined && (f.seededInput === undefined || u.input_tokens !== f.seededInput);
  if (reported) {
    return {
      input: u.input_tokens ?? null,
      output: u.output_tokens ?? null,
      cacheRead: u.cache_read_input_tokens ?? null,
      cacheWrite: u.cache_creation_input_tokens ?? null,
      ...(f.cacheWrite1h === undefined ? {} : { cacheWrite1h: f.cacheWrite1h }),
      estimated: false,
    };
  }
  if (!ok && u === undefined) return { input: null, output: null, cacheRead: null, cacheWrite: null, estimated: false };
  const input = f.tokenCount ?? Math.ceil(f.bodyBytes / 4);
  const output = u?.output_tokens ?? Math.ceil(f.outputChars / 4);
  return { input, output, cacheRead: 0, cacheWrite: 0, estimated: true };
}

/** Stored bodies are cut at this many characters. */
const BODY_CAP = 1_000_000;

function bodyText(value: unknown, secrets: readonly string[]): string | null {
  if (value === undefined || value === null) return null;
  // Redacted before cutting, so a cut cannot leave half a secret.
  return redact(typeof value === "string" ? value : JSON.stringify(value), secrets).slice(0, BODY_CAP);
}

/** The row for a finished request, priced with the config current at write time. */
export function rowOf(f: RequestFacts, end: Ending, config: CompiledConfig, project: string | null): NewRow {
  const tokens = tokensOf(f, end.status < 400);
  const info = f.provider && f.model ? modelInfoFor(config, f.provider, f.model) : undefined;
  const ttft = f.stream ? f.ttftMs : null;
  const generating = (end.durationMs - (ttft ?? 0)) / 1000;
  const tps = tokens.output !== null && tokens.output > 0 && generating > 0 ? tokens.output / generating : null;
  return {
    time: f.time,
    session: f.session,
    project,
    client_key: f.clientKey,
    scenario: f.scenario,
    reason: f.reason,
    provider: f.provider,
    model: f.model,
    attempts: f.attempts,
    failures: JSON.stringify(f.failures),
    status: end.status,
    error_type: end.errorType,
    stream: f.stream ? 1 : 0,
    input_tokens: tokens.input,
    output_tokens: tokens.output,
    cache_read_tokens: tokens.cacheRead,
    cache_write_tokens: tokens.cacheWrite,
    tokens_estimated: tokens.estimated ? 1 : 0,
    context_window: info?.context_window ?? null,
    ttft_ms: ttft,
    duration_ms: end.durationMs,
    tokens_per_second: tps,
    cost: costOf(tokens, info?.price, f.time),
    request_body: config.logBodies ? bodyText(f.requestBody, config.secrets) : null,
    response_body: config.logBodies ? bodyText(f.responseBody, config.secrets) : null,
  };
}
