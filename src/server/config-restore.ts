// Puts secrets back into a config document that came back from the UI masked: a masked value means "unchanged".
import type { ConfigIssue } from "../errors.ts";
import { isRecord } from "../config/interpolate.ts";
import { isSecretKey, isSecretValue, maskSecret } from "../config/mask.ts";

/** Masks always start like this (`****` or `****abcd`); no real key does. */
const MASKED = /^\*{4}/;

const HOST_CHANGED = "a masked value means \"unchanged\", but the saved secret belongs to a provider at another host (api_base_url); enter the value again to send it there";

/** Keys naming files or programs ccr reads or runs; the API may not change them (that would let it run code). */
export const LOCKED_KEYS: readonly string[] = ["CUSTOM_ROUTER_PATH", "CLAUDE_PATH", "REWRITE_SYSTEM_PROMPT", "transformers"];

interface SecretAt {
  /** Path where list items with a `name` are addressed by name, so a reordered or shortened list still matches. */
  stable: string;
  key: string;
  value: string;
  /** The host of the provider entry holding the secret (where ccr sends it); undefined outside provider entries. */
  host: string | undefined;
}

type Visit = (value: string, at: { shown: string; stable: string; key: string; host: string | undefined }) => string;

const PROVIDER_LISTS: ReadonlySet<string> = new Set(["Providers", "providers"]);

/** `api_base_url`'s host (with port); the text as written when it is no URL (e.g. a `$VAR` reference). */
function hostOf(entry: Record<string, unknown>): string {
  const url = entry.api_base_url;
  if (typeof url !== "string") return "";
  return URL.canParse(url) ? new URL(url).host : url;
}

/** Walks every string that `maskSecrets` would mask (same rules), letting `visit` replace it. */
function walkSecrets(node: unknown, visit: Visit): unknown {
  const go = (n: unknown, secret: boolean, shown: string, stable: string, key: string, host: string | undefined): unknown => {
    if (typeof n === "string") return secret || isSecretValue(key, n) ? visit(n, { shown, stable, key, host }) : n;
    if (Array.isArray(n)) {
      return n.map((item, i) => {
        const name = isRecord(item) && typeof item.name === "string" ? item.name : undefined;
        // `APIKEY` list entries: only their `key` is secret (as in mask.ts).
        const itemSecret = key === "APIKEY" && isRecord(item) ? false : secret;
        const itemHost = shown === key && PROVIDER_LISTS.has(key) && isRecord(item) ? hostOf(item) : host;
        return go(item, itemSecret, `${shown}[${i}]`, name === undefined ? `${stable}[${i}]` : `${stable}[name=${name}]`, key, itemHost);
      });
    }
    if (!isRecord(n)) return n;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(n)) {
      const path = (p: string) => (p === "" ? k : `${p}.${k}`);
      // defineProperty keeps a `__proto__` key an ordinary own property, as JSON.parse made it.
      const value = go(item, secret || isSecretKey(k), path(shown), path(stable), k, host);
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return go(node, false, "", "", "", undefined);
}

function secretsOf(document: unknown): SecretAt[] {
  const found: SecretAt[] = [];
  walkSecrets(document, (value, at) => {
    found.push({ stable: at.stable, key: at.key, value, host: at.host });
    return value;
  });
  return found;
}

/** `next` with each masked secret replaced by the saved value it stands for; a mask that matches nothing is an issue. */
export function restoreSecrets(next: unknown, previous: unknown): { document: unknown; issues: ConfigIssue[] } {
  // A saved secret only goes back to the host it was written for: otherwise whoever edits the URL (a stolen admin
  // key, another local user) could send the provider's key to a server of their choosing without ever seeing it.
  const saved = secretsOf(previous);
  const issues: ConfigIssue[] = [];
  const document = walkSecrets(next, (value, at) => {
    if (!MASKED.test(value)) return value;
    const matching = saved.filter((s) => maskSecret(s.value) === value);
    const same = matching.find((s) => s.stable === at.stable && s.host === at.host);
    if (same) return same.value;
    const candidates = new Set(matching.filter((s) => s.key === at.key && s.host === at.host).map((s) => s.value));
    const only = candidates.size === 1 ? [...candidates][0] : undefined;
    if (only !== undefined) return only;
    const moved = matching.some((s) => s.key === at.key);
    issues.push({ path: at.shown, message: moved ? HOST_CHANGED : "a masked value means \"unchanged\", but no saved secret matches it here; enter the value again" });
    return value;
  });
  return { document, issues };
}

/** Issues for every locked key whose value differs between the saved and the new document. */
export function lockedKeyChanges(next: unknown, previous: unknown): ConfigIssue[] {
  const before = isRecord(previous) ? previous : {};
  const after = isRecord(next) ? next : {};
  return LOCKED_KEYS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => ({
    path: key,
    message: "names a file or program ccr loads or runs, so it can only be changed by editing config.json itself",
  }));
}

/** Every string `maskSecrets` would hide in `document` (to scrub them from messages about it). */
export function secretStrings(document: unknown): string[] {
  return secretsOf(document).map((s) => s.value);
}
