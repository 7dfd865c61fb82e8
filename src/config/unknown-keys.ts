// Unknown config keys are warnings (CCR ignored them silently), with a "did you mean" for likely typos.
import { isRecord } from "./interpolate.ts";
import { ConfigSchema, CustomTransformerSchema, FallbackSchema, ProviderSchema, RouterSchema } from "./schema.ts";

/** Edit distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key closest to `key`, if it is close enough to be a typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return best !== undefined && best.distance <= limit ? best.name : undefined;
}

function unknownIn(value: unknown, known: readonly string[], path: string): string[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = suggestKey(key, known);
      const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
      return `${path === "" ? "" : `${path}: `}unknown key "${key}"${hint}`;
    });
}

function each(list: unknown, path: string, known: readonly string[]): string[] {
  return Array.isArray(list) ? list.flatMap((item, i) => unknownIn(item, known, `${path}[${i}]`)) : [];
}

const TOP = Object.keys(ConfigSchema.entries);
const PROVIDER = Object.keys(ProviderSchema.entries);
const ROUTER = Object.keys(RouterSchema.entries);
const FALLBACK = Object.keys(FallbackSchema.entries);
const CUSTOM_TRANSFORMER = Object.keys(CustomTransformerSchema.entries);

/** One warning per key the schema does not know, at the top level and inside providers, Router, fallback, transformers. */
export function unknownKeyWarnings(doc: Record<string, unknown>): string[] {
  return [
    ...unknownIn(doc, TOP, ""),
    ...each(doc.Providers, "Providers", PROVIDER),
    ...each(doc.providers, "providers", PROVIDER),
    ...unknownIn(doc.Router, ROUTER, "Router"),
    ...unknownIn(doc.fallback, FALLBACK, "fallback"),
    ...each(doc.transformers, "transformers", CUSTOM_TRANSFORMER),
  ];
}
