// The one place that calls fetch: sends a request upstream with proxy, abort and head timeout.
import type { CompiledConfig } from "../config/compiled.ts";

export interface ForwardRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Aborts the upstream request (client gone, timeout). */
  signal: AbortSignal;
}

/** True when `NO_PROXY` lists the URL's host (exact, suffix `.example.com`, or `*`). */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase().replace(/:\d+$/, "");
    if (entry === "") continue;
    if (entry === "*") return true;
    const bare = entry.startsWith(".") ? entry.slice(1) : entry.replace(/^\*\./, "");
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy settings of a config (all a request needs to pick its proxy). */
export type ProxySettings = Pick<CompiledConfig, "proxyUrl" | "noProxy">;

/** The proxy to use for an upstream URL, if any. */
export function proxyFor(url: string, config: ProxySettings): string | undefined {
  if (!config.proxyUrl) return undefined;
  return bypassesProxy(new URL(url), config.noProxy) ? undefined : config.proxyUrl;
}

/** POSTs to the upstream. Rejects on network errors and aborts; the caller maps them. */
export async function forward(request: ForwardRequest, config: CompiledConfig): Promise<Response> {
  const proxy = proxyFor(request.url, config);
  return fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    // Bun's fetch takes a per-request proxy URL; without it, Bun may still honour proxy env vars itself.
    ...(proxy ? { proxy } : {}),
    redirect: "manual",
  });
}

/** POSTs a form to an OAuth token endpoint (Google service-account token exchange), through the same proxy rules. */
export async function postForm(url: string, form: URLSearchParams, config: CompiledConfig, signal: AbortSignal): Promise<Response> {
  const proxy = proxyFor(url, config);
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    signal,
    ...(proxy ? { proxy } : {}),
  });
}

const MAX_REDIRECTS = 5;
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(["authorization", "x-api-key", "x-goog-api-key"]);

/** Credentials may follow a redirect to the same host, never to another host or from https down to http. */
function keepsCredentials(from: URL, to: URL): boolean {
  return from.host === to.host && !(from.protocol === "https:" && to.protocol === "http:");
}

/** GETs an upstream URL (model lists) through the same proxy rules; rejects on network errors and aborts. Redirects
 * are followed here, not by fetch: fetch drops Authorization on another host but would send x-api-key along. */
export async function fetchGet(url: string, headers: Record<string, string>, config: ProxySettings, signal: AbortSignal): Promise<Response> {
  let current = new URL(url);
  let sent = headers;
  for (let hop = 0; ; hop++) {
    const proxy = proxyFor(current.href, config);
    const response = await fetch(current.href, { method: "GET", headers: sent, signal, ...(proxy ? { proxy } : {}), redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null || hop >= MAX_REDIRECTS || !URL.canParse(location, current)) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (!keepsCredentials(current, next)) sent = Object.fromEntries(Object.entries(sent).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
    current = next;
  }
}
