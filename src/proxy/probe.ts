// Shell module (no fetch of its own): a one-token request through the real proxy pipeline, and a vendor's model list.
import type { CompiledConfig, CompiledProvider } from "../config/compiled.ts";
import { RouterError } from "../errors.ts";
import { redact, silentLogger, type Logger } from "../log.ts";
import { createCircuitBreaker } from "./circuit.ts";
import { fetchGet, type ProxySettings } from "./forward.ts";
import { handleMessages } from "./handle.ts";
import { networkMessage } from "./network-message.ts";
import { createTokenCounter } from "../router/tokens.ts";

/** What a connection test found: the reply's text and latency, or the status and message of the failure. */
export type ProbeResult = { ok: true; ms: number; text: string } | { ok: false; status: number; message: string };

/** Knobs of a connection test. */
export interface ProbeDeps {
  /** Bound on the whole test (default 30 s, never above the config's own timeout). */
  timeoutMs?: number;
  logger?: Logger;
}

const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sends `max_tokens: 1` "ping" to `provider,model` through handleMessages, so adapters, transformers and error
 * mapping are the real ones; no retries, no fallbacks, no custom router. */
export async function testConnection(config: CompiledConfig, provider: string, model: string, deps: ProbeDeps = {}): Promise<ProbeResult> {
  const timeoutMs = Math.min(deps.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, config.timeoutMs);
  const probeConfig: CompiledConfig = { ...config, retries: 0, fallback: {}, customRouter: undefined, timeoutMs };
  const body = { model: `${provider},${model}`, max_tokens: 1, messages: [{ role: "user", content: "ping" }] };
  const request = new Request("http://ccr.probe/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const started = performance.now();
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
  const proxyDeps = { config: probeConfig, logger: deps.logger ?? silentLogger, breaker, tokens: createTokenCounter() };
  const response = await handleMessages(request, proxyDeps);
  const json: unknown = await response.json().catch(() => undefined);
  const ms = Math.round(performance.now() - started);
  if (response.ok) return { ok: true, ms, text: replyText(json) };
  return { ok: false, status: response.status, message: errorText(json, response.status) };
}

/** The text blocks of an Anthropic message, joined. */
function replyText(json: unknown): string {
  if (!isRecord(json) || !Array.isArray(json.content)) return "";
  return json.content.map((block) => (isRecord(block) && typeof block.text === "string" ? block.text : "")).join("");
}

/** The message of an Anthropic error body (or of any `{error: {message}}` / `{message}` shape). */
function errorText(json: unknown, status: number): string {
  if (isRecord(json)) {
    const error = json.error;
    if (isRecord(error) && typeof error.message === "string") return error.message;
    if (typeof error === "string") return error;
    if (typeof json.message === "string") return json.message;
  }
  return `HTTP ${status}`;
}

/** How a vendor lists its models. */
export type ModelListKind = "openai" | "ollama" | "gemini" | "anthropic";

/** A provider not yet compiled: a preset with the user's URL and resolved key. */
export interface ModelSource {
  api_base_url: string;
  apiKey: string;
  modelList?: ModelListKind;
}

/** Knobs of a model listing. */
export interface ListModelsOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Proxy rules (a compiled config has them); none when absent. */
  network?: ProxySettings;
}

/** Listing the models failed: unreachable, timed out, refused, or an answer without a model list. */
export class ModelListError extends RouterError {
  constructor(message: string) {
    super(502, "api_error", message);
  }
}

/** Ollama's port, the conventional sign of an Ollama server behind an OpenAI-compatible URL. */
const OLLAMA_PORT = "11434";

/** The list kind of a compiled provider: by its adapter, then by Ollama's port, else OpenAI-compatible. */
export function modelListKind(provider: CompiledProvider): ModelListKind {
  const adapter = provider.plan.adapter.name;
  if (adapter === "gemini" || adapter === "anthropic") return adapter;
  return URL.canParse(provider.baseUrl) && new URL(provider.baseUrl).port === OLLAMA_PORT ? "ollama" : "openai";
}

/** The path before the first segment matching `cut` (a version or API segment), without a trailing slash. */
function pathBefore(path: string, cut: RegExp): string {
  const match = cut.exec(path);
  return (match ? path.slice(0, match.index) : path).replace(/\/+$/, "");
}

/** The model-list URL and auth headers for a provider's endpoint URL. */
export function modelListRequest(kind: ModelListKind, baseUrl: string, apiKey: string): { url: string; headers: Record<string, string> } {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, "");
  const headers: Record<string, string> = { accept: "application/json" };
  if (kind === "ollama") return { url: `${url.origin}${pathBefore(path, /\/(v\d+|api)(\/|$)/)}/api/tags`, headers };
  if (kind === "anthropic") {
    if (apiKey) headers["x-api-key"] = apiKey;
    headers["anthropic-version"] = "2023-06-01";
    return { url: `${url.origin}${pathBefore(path, /\/v1(\/|$)/)}/v1/models?limit=1000`, headers };
  }
  if (kind === "gemini") {
    if (apiKey) headers["x-goog-api-key"] = apiKey;
    const root = path === "" ? "/v1beta/models" : path.endsWith("/models") ? path : `${path}/models`;
    return { url: `${url.origin}${root}?pageSize=1000`, headers };
  }
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const api = path.replace(/\/(chat\/completions|completions|responses|messages)$/, "");
  return { url: `${url.origin}${api}/models`, headers };
}

/** The model ids of a list response in the vendor's shape; undefined when the body is not a model list. */
export function parseModelList(kind: ModelListKind, json: unknown): string[] | undefined {
  if (!isRecord(json)) return undefined;
  const list = kind === "ollama" || kind === "gemini" ? json.models : json.data;
  if (!Array.isArray(list)) return undefined;
  const ids = list.flatMap((item): string[] => {
    if (!isRecord(item)) return [];
    if (kind === "gemini") {
      const methods = item.supportedGenerationMethods;
      if (Array.isArray(methods) && !methods.includes("generateContent")) return [];
      return typeof item.name === "string" ? [item.name.replace(/^models\//, "")] : [];
    }
    const id = kind === "ollama" ? (item.name ?? item.model) : item.id;
    return typeof id === "string" && id !== "" ? [id] : [];
  });
  return [...new Set(ids)].sort();
}

/** Lists the models a provider serves (Ollama: the local server's pulled models). Throws ModelListError. */
export async function listModels(provider: CompiledProvider | ModelSource, options: ListModelsOptions = {}): Promise<string[]> {
  const source = "plan" in provider ? { baseUrl: provider.baseUrl, apiKey: provider.apiKey, kind: modelListKind(provider) } : sourceOf(provider);
  if (!URL.canParse(source.baseUrl)) throw new ModelListError(`cannot list models: "${source.baseUrl}" is not a URL`);
  const { url, headers } = modelListRequest(source.kind, source.baseUrl, source.apiKey);
  const shown = url.replace(/\?.*$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await fetchGet(url, headers, options.network ?? { proxyUrl: undefined, noProxy: [] }, AbortSignal.timeout(timeoutMs));
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    throw new ModelListError(timedOut ? `no answer from ${shown} within ${timeoutMs} ms` : `cannot reach ${shown}: ${networkMessage(err)}`);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = redact(errorText(json, response.status), source.apiKey === "" ? [] : [source.apiKey]);
    throw new ModelListError(`${shown} answered HTTP ${response.status}: ${message}`);
  }
  const models = parseModelList(source.kind, json);
  if (models === undefined) throw new ModelListError(`${shown} did not answer with a model list`);
  return models;
}

function sourceOf(source: ModelSource): { baseUrl: string; apiKey: string; kind: ModelListKind } {
  return { baseUrl: source.api_base_url, apiKey: source.apiKey, kind: source.modelList ?? "openai" };
}
