// Every form in which a configured secret could show up in a log line, so the logger can redact them all.
import type { CompiledProvider } from "./compiled.ts";

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
