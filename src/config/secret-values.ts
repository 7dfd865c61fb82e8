// Every form in which a configured secret could show up in a log line, so the logger can redact them all.
import type { CompiledProvider } from "./compiled.ts";
import { isRecord } from "./interpolate.ts";
import { isSecretKey, isSecretValue } from "./mask.ts";
import type { Env } from "./paths.ts";

/** Shorter fragments are too likely to occur in ordinary text to be worth redacting on their own. */
const MIN_FRAGMENT = 16;

/** A value as itself and as it appears inside a JSON string (newlines escaped), e.g. a PEM private key. */
function forms(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped === value ? [value] : [value, escaped];
}

/** The private key of inline service-account JSON: whole, JSON-escaped, and each line of its body. */
export function credentialSecrets(credentials: string): string[] {
  const trimmed = credentials.trim();
  if (!trimmed.startsWith("{")) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // Not JSON after all: google-token.ts reports it; there is no key to find here.
    return [];
  }
  if (typeof parsed !== "object" || parsed === null || !("private_key" in parsed)) return [];
  const key = parsed.private_key;
  if (typeof key !== "string" || key === "") return [];
  const lines = key.split(/\r?\n/).filter((line) => line.length >= MIN_FRAGMENT && !line.startsWith("-----"));
  return [...forms(key), ...lines, trimmed];
}

/** Provider keys and inline service-account keys of every provider and per-model plan. */
export function providerSecrets(providers: Iterable<CompiledProvider>): string[] {
  const out: string[] = [];
  for (const p of providers) {
    out.push(...forms(p.apiKey));
    for (const plan of [p.plan, ...p.modelPlans.values()]) {
      const credentials = plan.profile.vertex?.credentials;
      if (credentials) out.push(...credentialSecrets(credentials));
    }
  }
  return out;
}

/** Keys whose values are cut out of text: stricter than masking (a name must END like a secret), because a setting such
 * as `"maxTokensField": "max_completion_tokens"` would otherwise vanish from every log line and stored body. */
const REDACTED_KEY = /(?:key|token|secret|passw(?:or)?d|passphrase|credentials?|authorization|cookie)$/i;

const CREDENTIALS_KEY = /^credentials$/i;

/** Strings this short under a secret-looking key (`"cookie": "none"`) are settings, not secrets worth cutting out of text. */
const MIN_DOCUMENT_SECRET = 8;

/** A proxy URL with a password: the whole URL, the password, and the password percent-decoded (as an error may quote it). */
export function urlSecrets(value: string | undefined): string[] {
  if (value === undefined || !URL.canParse(value)) return [];
  const password = new URL(value).password;
  return password === "" ? [] : [value, password, safeDecode(password)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: the raw form is the only one that can appear.
    return text;
  }
}

/** Every string `maskSecrets` hides in an interpolated document (transformer options, proxy passwords, ...), so the
 * logger and the answers cut them out too; `APIKEY` list entries give only their `key`. */
export function documentSecrets(document: unknown): string[] {
  const out: string[] = [];
  const go = (node: unknown, secret: boolean, key: string): void => {
    if (typeof node === "string") {
      // A service-account file path is no secret (credentialSecrets covers inline JSON), and naming it helps.
      if (secret && !(CREDENTIALS_KEY.test(key) && !node.trim().startsWith("{"))) out.push(...forms(node));
      else if (isSecretValue(key, node)) out.push(...urlSecrets(node));
    } else if (Array.isArray(node)) {
      for (const item of node) go(item, key === "APIKEY" && isRecord(item) ? false : secret, key);
    } else if (isRecord(node)) {
      for (const [k, item] of Object.entries(node)) go(item, secret || (isSecretKey(k) && REDACTED_KEY.test(k)), k);
    }
  };
  go(document, false, "");
  return out.filter((secret) => secret.length >= MIN_DOCUMENT_SECRET);
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)/g;

/** The names of the `$VAR`/`${VAR}` references anywhere in a document. */
export function referencedNames(document: unknown): string[] {
  return [...JSON.stringify(document).matchAll(REFERENCE)].map((m) => m[1] ?? m[2] ?? "");
}

/** Values of references whose names say they hold a secret (`$OPENAI_API_KEY`): a problem that quotes the value it
 * found where it did not belong (a key put in `api_base_url`) must not print the key. */
export function secretReferenceValues(document: unknown, env: Env): string[] {
  return referencedNames(document)
    .filter((name) => REDACTED_KEY.test(name))
    .flatMap((name) => env[name] ?? []);
}

/** Every string of a document that is shown as written (names, URLs, models, routes): not under a key that masks it. */
function publicStrings(document: unknown): string[] {
  const out: string[] = [];
  const go = (node: unknown, secret: boolean, key: string): void => {
    if (typeof node === "string") {
      if (!secret && !isSecretValue(key, node)) out.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) go(item, key === "APIKEY" && isRecord(item) ? false : secret, key);
    } else if (isRecord(node)) {
      for (const [k, item] of Object.entries(node)) go(item, secret || isSecretKey(k), k);
    }
  };
  go(document, false, "");
  return out;
}

/** Below this length a "key" that the config also shows elsewhere is a placeholder, not a secret. */
const PLACEHOLDER_MAX = 16;
/** Shorter values (`none`, `test`, `ollama`) are placeholders or words: cutting them out of text would garble answers,
 * log lines and metrics (`provider="none"`) while protecting nothing. */
const MIN_REDACTED = 8;

/** The secrets worth cutting out of text. A short placeholder key that the config shows anyway (`"api_key": "ollama"`
 * for the provider named `ollama`) is left alone: redacting it would turn the provider's name into `[redacted]` in
 * every answer and log line, and the web UI would save that back. */
export function redactableSecrets(secrets: Iterable<string>, document: unknown): string[] {
  const shown = publicStrings(document);
  return [...new Set(secrets)].filter(
    (secret) => secret.length >= MIN_REDACTED && !(secret.length < PLACEHOLDER_MAX && shown.some((text) => text.includes(secret))),
  );
}
