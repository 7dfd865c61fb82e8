// `$VAR` / `${VAR}` substitution in every string value of a config document (keys are left alone).
import type { ConfigIssue } from "../errors.ts";
import type { Env } from "./paths.ts";

/** Result of interpolation: a new document plus one issue per unset variable use. */
export interface Interpolated {
  value: unknown;
  issues: ConfigIssue[];
  /** Key paths whose string names an unset variable (validation skips its own complaint there). */
  unresolvedPaths: ReadonlySet<string>;
}

// `$$` (kept as is), `${Name}`, or `$NAME` (upper case, as in CCR, so `$abc` in a password stays literal).
const PATTERN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)/g;

/** Replaces variables in every string value, recursively; an unset variable is an issue naming it and its key path. */
export function interpolate(value: unknown, env: Env): Interpolated {
  const issues: ConfigIssue[] = [];
  const unresolvedPaths = new Set<string>();
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === "string") return interpolateString(node, env, path, issues, unresolvedPaths);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (isRecord(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        // defineProperty keeps a `__proto__` key an ordinary own property, as JSON.parse made it.
        Object.defineProperty(out, key, { value: walk(item, joinKey(path, key)), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return node;
  };
  return { value: walk(value, ""), issues, unresolvedPaths };
}

function interpolateString(text: string, env: Env, path: string, issues: ConfigIssue[], unresolved: Set<string>): string {
  return text.replace(PATTERN, (match: string, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    if (name === undefined) return match;
    const found = env[name];
    if (found !== undefined) return found;
    issues.push({ path: path || "(root)", message: `environment variable ${name} is not set` });
    unresolved.add(path);
    return match;
  });
}

/** `a.b`, `a[0]`: the same rendering as valibot issue paths. */
export function joinKey(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
