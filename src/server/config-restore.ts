// Puts secrets back into a config document that came back from the UI masked: a masked value means "unchanged".
import type { ConfigIssue } from "../errors.ts";
import { isRecord } from "../config/interpolate.ts";
import { isSecretKey, maskSecret } from "../config/mask.ts";

/** Masks always start like this (`****` or `****abcd`); no real key does. */
const MASKED = /^\*{4}/;

/** Keys naming files or programs ccr reads or runs; the API may not change them (that would let it run code). */
export const LOCKED_KEYS: readonly string[] = ["CUSTOM_ROUTER_PATH", "CLAUDE_PATH", "REWRITE_SYSTEM_PROMPT", "transformers"];

interface SecretAt {
  /** Path where list items with a `name` are addressed by name, so a reordered or shortened list still matches. */
  stable: string;
  key: string;
  value: string;
}

type Visit = (value: string, at: { shown: string; stable: string; key: string }) => string;

/** Walks every string that `maskSecrets` would mask (same rules), letting `visit` replace it. */
function walkSecrets(node: unknown, visit: Visit): unknown {
  const go = (n: unknown, secret: boolean, shown: string, stable: string, key: string): unknown => {
    if (typeof n === "string") return secret ? visit(n, { shown, stable, key }) : n;
    if (Array.isArray(n)) {
      return n.map((item, i) => {
        const name = isRecord(item) && typeof item.name === "string" ? item.name : undefined;
        // `APIKEY` list entries: only their `key` is secret (as in mask.ts).
        const itemSecret = key === "APIKEY" && isRecord(item) ? false : secret;
        return go(item, itemSecret, `${shown}[${i}]`, name === undefined ? `${stable}[${i}]` : `${stable}[name=${name}]`, key);
      });
    }
    if (!isRecord(n)) return n;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(n)) {
      const path = (p: string) => (p === "" ? k : `${p}.${k}`);
      // defineProperty keeps a `__proto__` key an ordinary own property, as JSON.parse made it.
      const value = go(item, secret || isSecretKey(k), path(shown), path(stable), k);
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return go(node, false, "", "", "");
}

function secretsOf(document: unknown): SecretAt[] {
  const found: SecretAt[] = [];
  walkSecrets(document, (value, at) => {
    found.push({ stable: at.stable, key: at.key, value });
    return value;
  });
  return found;
}

/** `next` with each masked secret replaced by the saved value it stands for; a mask that matches nothing is an issue. */
export function restoreSecrets(next: unknown, previous: unknown): { document: unknown; issues: ConfigIssue[] } {
  const saved = secretsOf(previous);
  const issues: ConfigIssue[] = [];
  const document = walkSecrets(next, (value, at) => {
    if (!MASKED.test(value)) return value;
    const same = saved.find((s) => s.stable === at.stable && maskSecret(s.value) === value);
    if (same) return same.value;
    const candidates = new Set(saved.filter((s) => s.key === at.key && maskSecret(s.value) === value).map((s) => s.value));
    const only = candidates.size === 1 ? [...candidates][0] : undefined;
    if (only !== undefined) return only;
    issues.push({ path: at.shown, message: "a masked value means \"unchanged\", but no saved secret matches it here; enter the value again" });
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
