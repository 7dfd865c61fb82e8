// Calls to ccr's admin API: the client key from sessionStorage on every call, errors as readable messages, SSE over fetch.
import { createSseParser } from "../../sse/parse.ts";
import { isObject, parseProblems, type Problem } from "./config-doc.ts";

const KEY_STORAGE = "ccr.apiKey";

/** An API call that failed: HTTP status, the server's message and any validation problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

let authListener: ((message: string) => void) | undefined;

/** Called with the server's message when it answers 401: the UI then asks for the key again. */
export function onAuthRequired(listener: (message: string) => void): void {
  authListener = listener;
}

/** The client key this tab was given, if any. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** Keeps the key for this tab only (sessionStorage); null forgets it. */
export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

function headers(extra: HeadersInit | undefined): Headers {
  const h = new Headers(extra);
  const key = storedKey();
  if (key !== null) h.set("x-api-key", key);
  return h;
}

/** The message of an Anthropic error body, else the status line. */
function messageOf(body: unknown, res: Response): string {
  if (isObject(body) && isObject(body.error) && typeof body.error.message === "string") return body.error.message;
  return `${res.status} ${res.statusText}`.trim();
}

async function fail(res: Response): Promise<never> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): the status line is the message.
  }
  if (res.status === 401) authListener?.(messageOf(body, res));
  throw new ApiError(res.status, messageOf(body, res), res.status === 400 ? parseProblems(body) : []);
}

/** Sends a request and returns the parsed JSON answer; throws ApiError on a non-2xx answer or a network failure. */
export async function apiJson(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: headers(init.body === undefined ? undefined : { "content-type": "application/json" }),
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
  } catch (err) {
    throw new ApiError(0, `ccr is not reachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) return fail(res);
  if (res.status === 204) return null;
  return res.json();
}

/** Follows a server-sent event stream until `signal` aborts or the server ends it (EventSource cannot send the key); `onOpen` runs once the server accepted it. */
export async function followEvents(path: string, onMessage: (data: string, event: string | undefined) => void, signal: AbortSignal, onOpen?: () => void): Promise<void> {
  const res = await fetch(path, { headers: headers({ accept: "text/event-stream" }), signal });
  if (!res.ok) return fail(res);
  if (res.body === null) return;
  onOpen?.();
  const parser = createSseParser();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const messages = done ? parser.end() : parser.push(value);
      for (const m of messages) onMessage(m.data, m.event);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The message of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
