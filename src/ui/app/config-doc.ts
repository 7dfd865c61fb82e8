// Pure helpers over the (masked) config document the UI edits: read/write by key path, diff, problems, route choices.

/** A JSON value as the config API sends it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };
/** A key path into the document, e.g. `["Providers", 0, "api_base_url"]`. */
export type KeyPath = readonly (string | number)[];

/** One validation problem: the key path as `ccr config validate` prints it and what is wrong there. */
export interface Problem {
  path: string;
  message: string;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `Providers[0].api_base_url`, the same rendering as the server's problem paths. */
export function pathString(path: KeyPath): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out;
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(doc: Json | undefined, path: KeyPath): Json | undefined {
  let node: Json | undefined = doc;
  for (const key of path) {
    if (typeof key === "number") node = Array.isArray(node) ? node[key] : undefined;
    else node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** A copy of `doc` with `value` at `path` (creating objects/arrays on the way); undefined removes the key or item. */
export function setAt(doc: Json | undefined, path: KeyPath, value: Json | undefined): Json {
  const [key, ...rest] = path;
  if (key === undefined) return value ?? null;
  if (typeof key === "number") {
    const list = Array.isArray(doc) ? [...doc] : [];
    if (rest.length === 0 && value === undefined) list.splice(key, 1);
    else list[key] = setAt(list[key], rest, value);
    return list;
  }
  const obj: JsonObject = isObject(doc) ? { ...doc } : {};
  if (rest.length === 0 && value === undefined) delete obj[key];
  else obj[key] = setAt(obj[key], rest, value);
  return obj;
}

/** Removes the value at `path`, then any object left empty above it (never an array item, never the root). */
export function unsetAt(doc: Json | undefined, path: KeyPath): Json {
  let next = setAt(doc, path, undefined);
  for (let end = path.length - 1; end > 0; end--) {
    const parent = path.slice(0, end);
    const node = getAt(next, parent);
    if (typeof path[end - 1] === "number" || !isObject(node) || Object.keys(node).length > 0) break;
    next = setAt(next, parent, undefined);
  }
  return next;
}

/** Key paths (rendered) whose values differ between two documents, leaves only, in document order. */
export function changedPaths(before: Json | undefined, after: Json | undefined, at: KeyPath = []): string[] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => changedPaths(before[i], after[i], [...at, i])).flat();
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => changedPaths(before[k], after[k], [...at, k]));
  }
  return [pathString(at) || "(config)"];
}

/** Problems at `path` or below it. */
export function problemsAt(problems: readonly Problem[], path: KeyPath): Problem[] {
  const p = pathString(path);
  return problems.filter((x) => x.path === p || x.path.startsWith(`${p}.`) || x.path.startsWith(`${p}[`));
}

/** The problems left once the value at `path` was edited: those at or below it no longer describe what is shown. */
export function withoutProblemsAt(problems: readonly Problem[], path: KeyPath): Problem[] {
  const stale = new Set(problemsAt(problems, path));
  return problems.filter((p) => !stale.has(p));
}

/** Problems from an error body: `problems` (strings `path: message` or `{path, message}`), else the error message. */
export function parseProblems(body: unknown): Problem[] {
  const root = isObject(body) ? body : {};
  const error = isObject(root.error) ? root.error : {};
  const list = Array.isArray(root.problems) ? root.problems : Array.isArray(error.problems) ? error.problems : undefined;
  if (list === undefined) return typeof error.message === "string" ? [{ path: "", message: error.message }] : [];
  return list.flatMap((item) => {
    if (typeof item === "string") {
      const cut = item.indexOf(": ");
      return cut > 0 && !item.slice(0, cut).includes(" ") ? [{ path: item.slice(0, cut), message: item.slice(cut + 2) }] : [{ path: "", message: item }];
    }
    if (isObject(item) && typeof item.message === "string") return [{ path: typeof item.path === "string" ? item.path : "", message: item.message }];
    return [];
  });
}

/** `Providers` (CCR's spelling) unless the document only has `providers`. */
export function providersKey(doc: Json | undefined): "Providers" | "providers" {
  return isObject(doc) && !Object.hasOwn(doc, "Providers") && Array.isArray(doc.providers) ? "providers" : "Providers";
}

/** The providers array (empty when absent). */
export function providerList(doc: Json | undefined): JsonObject[] {
  const list = getAt(doc, [providersKey(doc)]);
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Every `provider,model` the document configures: the only values a route picker offers. */
export function routeChoices(doc: Json | undefined): string[] {
  return providerList(doc).flatMap((p) => {
    const models = Array.isArray(p.models) ? p.models : [];
    return typeof p.name === "string" && p.name !== "" ? models.filter((m) => typeof m === "string" && m !== "").map((m) => `${p.name},${m}`) : [];
  });
}

/** A value the server masked: it stands for the stored secret and is sent back unchanged. */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && /^\*{4}/.test(value);
}

/** A `$VAR` / `${VAR}` reference, shown and saved as written. */
export function isVariableReference(value: unknown): boolean {
  return typeof value === "string" && /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$/.test(value);
}
