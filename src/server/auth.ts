// Client authentication: the configured APIKEY in `x-api-key` or `Authorization: Bearer`, compared in constant time.
import { timingSafeEqual } from "node:crypto";
import { AuthError } from "../errors.ts";

/** The key a client presented, from `x-api-key` or `Authorization: Bearer <key>`. */
export function presentedKey(headers: Headers): string | undefined {
  const xKey = headers.get("x-api-key");
  if (xKey) return xKey.trim();
  const auth = headers.get("authorization");
  if (!auth) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return (match?.[1] ?? auth).trim();
}

/** Constant-time comparison that does not leak the key's length through early exit. */
export function keysMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, "utf8");
  const b = Buffer.from(expected, "utf8");
  const same = timingSafeEqual(a.length === b.length ? a : b, b);
  return same && a.length === b.length;
}

/** Throws a 401 unless the request carries the expected key. */
export function checkAuth(headers: Headers, expected: string | undefined): void {
  if (!expected) return;
  const key = presentedKey(headers);
  if (!key) throw new AuthError("Missing API key: send the ccr APIKEY in the x-api-key header or as Authorization: Bearer <key>.");
  if (!keysMatch(key, expected)) throw new AuthError("Invalid API key.");
}
