// The last net before bytes leave: configured secrets are cut out of error bodies and admin API answers.
import { isAdminPath } from "./admin-guard.ts";

/** Secrets shorter than this are not searched for (they would match ordinary text). */
const MIN_SECRET = 4;

function textual(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return !type.includes("event-stream") && (type.includes("json") || type.startsWith("text/"));
}

/** A plain object or array a handler returned for Elysia to serialize. */
function isPlainJson(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Replaces every configured secret in `text`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET && out.includes(secret)) out = out.replaceAll(secret, "[redacted]");
  return out;
}

/** A copy of an error answer (any path) or an admin answer (/api, /ui, /metrics) with secrets replaced; undefined = leave as is.
 * Upstream error messages are quoted to clients, and an upstream may echo the key it was sent. */
export function scrubResponse(value: unknown, request: Request, secrets: readonly string[]): Promise<Response> | undefined {
  // Synchronous when there is nothing to do: Elysia takes any returned promise as the new response.
  if (secrets.length === 0) return undefined;
  if (isPlainJson(value) && isAdminPath(new URL(request.url).pathname)) {
    return Promise.resolve(new Response(scrubText(JSON.stringify(value), secrets), { headers: { "content-type": "application/json" } }));
  }
  if (!(value instanceof Response) || !textual(value)) return undefined;
  if (value.status < 400 && !isAdminPath(new URL(request.url).pathname)) return undefined;
  return value.text().then((text) => new Response(scrubText(text, secrets), { status: value.status, statusText: value.statusText, headers: value.headers }));
}
