// The last net before bytes leave: configured secrets are cut out of error bodies and admin API answers.
import { removeSecrets } from "../log.ts";
import { isAdminPath } from "./admin-guard.ts";

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

/** A copy of an error answer (any path) or an admin answer (/api, /ui, /metrics) with secrets replaced; undefined = leave as is.
 * Upstream error messages are quoted to clients, and an upstream may echo the key it was sent. */
export function scrubResponse(value: unknown, request: Request, secrets: readonly string[]): Promise<Response> | undefined {
  // Synchronous when there is nothing to do: Elysia takes any returned promise as the new response.
  if (secrets.length === 0) return undefined;
  // The UI's page, script and stylesheet are built into ccr and hold no data; a key that is also a word of them
  // ("none", "test") would break them.
  const path = new URL(request.url).pathname;
  if (path === "/ui" || path.startsWith("/ui/")) return undefined;
  if (isPlainJson(value) && isAdminPath(path)) {
    return Promise.resolve(new Response(removeSecrets(JSON.stringify(value), secrets), { headers: { "content-type": "application/json" } }));
  }
  if (!(value instanceof Response) || !textual(value)) return undefined;
  if (value.status < 400 && !isAdminPath(path)) return undefined;
  return value.text().then((text) => new Response(removeSecrets(text, secrets), { status: value.status, statusText: value.statusText, headers: value.headers }));
}
