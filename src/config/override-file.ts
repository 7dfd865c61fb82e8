// Parses a project or session override file and checks its `Router` with the same rules as the global one.
import * as v from "valibot";
import { describeIssue } from "../formats/issues.ts";
import type { RouterOverride } from "../router/types.ts";
import type { CompiledProvider } from "./compiled.ts";
import { compileRoutes, ROUTE_SLOTS } from "./compile-routes.ts";
import { isRecord } from "./interpolate.ts";
import { JsoncSyntaxError, parseJsonc } from "./parse-jsonc.ts";
import { RouterSchema } from "./schema.ts";

/** The override a file sets (only the keys it sets), or why the whole file is ignored. */
export type ParsedOverride = { ok: true; override: RouterOverride } | { ok: false; error: string };

function rejected(path: string, problems: readonly string[]): ParsedOverride {
  return { ok: false, error: `Ignoring Router override ${path}: ${problems.join("; ")}` };
}

function parseDocument(text: string): { doc: unknown } | { problem: string } {
  try {
    return { doc: parseJsonc(text) };
  } catch (err) {
    if (!(err instanceof JsoncSyntaxError)) throw err;
    return { problem: `line ${err.line}, column ${err.column}: ${err.reason}` };
  }
}

/** Only the slots the file names with a non-empty route (`""` means unset, as in the global Router). */
function setKeys(raw: Record<string, unknown>, compiled: ReturnType<typeof compileRoutes>["router"]): RouterOverride {
  const override: RouterOverride = {};
  for (const slot of ROUTE_SLOTS) {
    const route = compiled[slot];
    if (raw[slot] !== undefined && raw[slot] !== "" && route !== undefined) override[slot] = route;
  }
  if (raw.longContextThreshold !== undefined) override.longContextThreshold = compiled.longContextThreshold;
  return override;
}

/** Validates `Router` in a JSONC override file against the configured providers; any problem rejects the whole file. */
export function parseRouterOverride(text: string, path: string, providers: ReadonlyMap<string, CompiledProvider>): ParsedOverride {
  const parsed = parseDocument(text);
  if ("problem" in parsed) return rejected(path, [parsed.problem]);
  if (!isRecord(parsed.doc)) return rejected(path, ["expected a JSON object"]);
  const raw = parsed.doc.Router;
  if (raw === undefined) return { ok: true, override: {} };
  if (!isRecord(raw)) return rejected(path, ["Router: expected an object"]);
  const schema = v.safeParse(RouterSchema, raw);
  const schemaProblems = schema.success
    ? []
    : schema.issues.map((issue) => describeIssue(issue)).map((issue) => `Router.${issue.path}: ${issue.message}`);
  const routes = compileRoutes({ Router: raw }, { declared: [...providers.keys()], providers }, undefined);
  const problems = [...new Set([...schemaProblems, ...routes.issues.map((issue) => `${issue.path}: ${issue.message}`)])];
  if (problems.length > 0) return rejected(path, problems);
  return { ok: true, override: setKeys(raw, routes.router) };
}
