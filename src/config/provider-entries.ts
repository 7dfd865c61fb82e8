// Which provider entries a document declares: `Providers`, its alias `providers`, or the legacy OPENAI_* shorthand.
import type { ConfigIssue } from "../errors.ts";
import { isRecord } from "./interpolate.ts";

/** One provider entry, still unvalidated, with the key path used in messages. */
export interface ProviderEntry {
  raw: unknown;
  path: string;
}

export interface ProviderEntries {
  entries: ProviderEntry[];
  /** `openai,<model>` when the legacy shorthand synthesized a provider. */
  legacyRoute: string | undefined;
  issues: ConfigIssue[];
  warnings: string[];
}

/** Default endpoint of the legacy shorthand (CCR's DEFAULT_CONFIG). */
export const LEGACY_BASE_URL = "https://api.openai.com/v1/chat/completions";

const LEGACY_KEYS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"] as const;

function listAt(doc: Record<string, unknown>, key: string): unknown[] {
  const list = doc[key];
  return Array.isArray(list) ? list : [];
}

/** The provider entries of an (interpolated) document, in order. */
export function providerEntries(doc: Record<string, unknown>): ProviderEntries {
  const upper = listAt(doc, "Providers");
  const lower = listAt(doc, "providers");
  const issues: ConfigIssue[] = [];
  if (upper.length > 0 && lower.length > 0) {
    issues.push({ path: "providers", message: 'both "Providers" and "providers" are set; keep only "Providers"' });
  }
  const key = upper.length > 0 || lower.length === 0 ? "Providers" : "providers";
  const list = key === "Providers" ? upper : lower;
  const entries = list.map((raw, i) => ({ raw, path: `${key}[${i}]` }));
  const legacyUsed = LEGACY_KEYS.filter((name) => typeof doc[name] === "string" && doc[name] !== "");
  if (legacyUsed.length === 0) return { entries, legacyRoute: undefined, issues, warnings: [] };
  if (entries.length > 0) {
    return { entries, legacyRoute: undefined, issues, warnings: [`${legacyUsed.join(", ")}: ignored because ${key} is set`] };
  }
  const legacy = legacyEntry(doc);
  return { ...legacy, issues: [...issues, ...legacy.issues] };
}

/** CCR's single-provider shorthand: OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL become provider `openai`. */
function legacyEntry(doc: Record<string, unknown>): ProviderEntries {
  const model = typeof doc.OPENAI_MODEL === "string" ? doc.OPENAI_MODEL : "";
  if (model === "") {
    return {
      entries: [],
      legacyRoute: undefined,
      issues: [{ path: "OPENAI_MODEL", message: "required when OPENAI_API_KEY or OPENAI_BASE_URL is used without Providers" }],
      warnings: [],
    };
  }
  const baseUrl = typeof doc.OPENAI_BASE_URL === "string" && doc.OPENAI_BASE_URL !== "" ? doc.OPENAI_BASE_URL : LEGACY_BASE_URL;
  const raw = { name: "openai", api_base_url: baseUrl, api_key: doc.OPENAI_API_KEY ?? "", models: [model] };
  return { entries: [{ raw, path: "OPENAI_BASE_URL" }], legacyRoute: `openai,${model}`, issues: [], warnings: [] };
}

/** The provider names an entry list declares (string names only; the schema reports the rest). */
export function declaredNames(entries: readonly ProviderEntry[]): string[] {
  return entries.flatMap((entry) => (isRecord(entry.raw) && typeof entry.raw.name === "string" ? [entry.raw.name] : []));
}
