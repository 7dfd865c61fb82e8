// Hides secret values in a config document so it can be shown (`ccr config show`, the web UI) without leaking keys.
import { isRecord } from "./interpolate.ts";

/** Keys whose values are secrets even though their names do not say key/token/secret/password. */
const SECRET_KEYS: ReadonlySet<string> = new Set(["api_key", "APIKEY", "OPENAI_API_KEY", "credentials"]);
const SECRET_KEY_PATTERN = /key|token|secret|passw|passphrase|credential|authorization|cookie/i;
/** Keys holding a proxy URL, which may carry `user:password@`. */
const PROXY_KEY_PATTERN = /proxy/i;

// A whole value that is one `${Name}` or `$NAME` reference (the forms interpolation resolves); it holds no secret itself.
const VARIABLE_REFERENCE = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Z_][A-Z0-9_]*)$/;

/** Below this length even the last 4 characters would give away too much of the secret. */
const MIN_LENGTH_FOR_HINT = 12;

/** True when values under `key` are secrets. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key) || SECRET_KEY_PATTERN.test(key);
}

/** True for a URL that carries a password (`http://user:password@proxy:8080`). */
function hasPassword(value: string): boolean {
  return URL.canParse(value) && new URL(value).password !== "";
}

/** True when this one value is a secret although its key is not: a proxy URL with a password, or its mask. */
export function isSecretValue(key: string, value: string): boolean {
  return PROXY_KEY_PATTERN.test(key) && (value.startsWith("****") || hasPassword(value));
}

/** One secret string as shown: a variable reference as written, else `****` plus its last 4 characters when long enough. */
export function maskSecret(value: string): string {
  // An empty key (keyless providers such as Ollama) reveals nothing, and `****` would suggest a key is set.
  if (value === "" || VARIABLE_REFERENCE.test(value)) return value;
  return value.length < MIN_LENGTH_FOR_HINT ? "****" : `****${value.slice(-4)}`;
}

/** A copy of `document` where every string under a secret key (at any depth below it) is masked; the input is untouched. */
export function maskSecrets(document: unknown): unknown {
  return walk(document, false);
}

function walk(node: unknown, secret: boolean): unknown {
  if (typeof node === "string") return secret ? maskSecret(node) : node;
  if (Array.isArray(node)) return node.map((item) => walk(item, secret));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(node)) {
    const hidden = secret || isSecretKey(key) || (typeof item === "string" && isSecretValue(key, item));
    // defineProperty keeps a `__proto__` key an ordinary own property, as JSON.parse made it.
    Object.defineProperty(out, key, {
      value: key === "APIKEY" && Array.isArray(item) ? item.map(maskClientKey) : walk(item, hidden),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** An `APIKEY` list entry: only its `key` is secret, so names, routes and limits stay readable. */
function maskClientKey(entry: unknown): unknown {
  return isRecord(entry) ? walk(entry, false) : walk(entry, true);
}
