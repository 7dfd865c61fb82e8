// Client authentication: a configured key in `x-api-key` or `Authorization: Bearer`, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import type { ClientKey } from "../config/compiled.ts";
import { AuthError } from "../errors.ts";

/** The key a client presented, from `x-api-key` or `Authorization: Bearer <key>`; never from the query string. */
export function presentedKey(headers: Headers): string | undefined {
  const xKey = headers.get("x-api-key");
  if (xKey) return xKey.trim();
  const auth = headers.get("authorization");
  if (!auth) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return (match?.[1] ?? auth).trim();
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The index of the key that matches. Both sides are hashed, so length does not leak through timing, and every key is
 * compared (no early exit), so timing does not say which key matched or how many there are. */
export function matchKey(presented: string, keys: readonly string[]): number | undefined {
  const mine = digest(presented);
  let found: number | undefined;
  for (let i = 0; i < keys.length; i++) {
    const same = timingSafeEqual(mine, digest(keys[i] ?? ""));
    if (same && found === undefined) found = i;
  }
  return found;
}

const MISSING = "Missing API key: send the ccr APIKEY in the x-api-key header or as Authorization: Bearer <key>.";

const clientKeys = new WeakMap<Request, ClientKey>();

/** Finds the client key a request presents (401 when none matches) and remembers it for `clientKeyOf`; no keys = auth off. */
export function authenticate(request: Request, keys: readonly ClientKey[]): ClientKey | undefined {
  if (keys.length === 0) return undefined;
  const presented = presentedKey(request.headers);
  if (!presented) throw new AuthError(MISSING);
  const index = matchKey(presented, keys.map((k) => k.key));
  const key = index === undefined ? undefined : keys[index];
  if (!key) throw new AuthError("Invalid API key.");
  clientKeys.set(request, key);
  return key;
}

/** The name of the named client key (an `APIKEY` list entry) that authenticated this request; undefined otherwise. */
export function clientKeyOf(request: Request): string | undefined {
  const key = clientKeys.get(request);
  return key?.named ? key.name : undefined;
}

/** The whole client key (limits, allowed routes) that authenticated this request. */
export function clientKeyEntryOf(request: Request): ClientKey | undefined {
  return clientKeys.get(request);
}
