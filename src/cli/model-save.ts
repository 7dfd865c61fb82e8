// Reads config.json as written for `ccr model`, and saves an edited copy only when it loads the way `ccr serve` loads it.
import { readFile } from "node:fs/promises";
import { compileConfig } from "../config/compile.ts";
import { customTransformerSources, loadCustomTransformers } from "../config/custom-transformers.ts";
import { interpolate } from "../config/interpolate.ts";
import { parseConfigText } from "../config/load.ts";
import { configPath, type Env } from "../config/paths.ts";
import { saveConfig } from "../config/save.ts";
import { ConfigError, describeError, type ConfigIssue } from "../errors.ts";
import type { ConfigDocument } from "./model-document.ts";

/** The document plus what saving must know about the file it came from. */
export interface LoadedDocument {
  path: string;
  doc: ConfigDocument;
  /** The file had comments or trailing commas, which a save does not keep. */
  hasComments: boolean;
  exists: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (err) {
    // Only the answer matters: JSONC with comments is not strict JSON.
    return !(err instanceof SyntaxError);
  }
}

/** config.json as written (`$VAR` kept); a missing file is an empty document, a broken one a ConfigError. */
export async function readDocument(env: Env): Promise<LoadedDocument> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return { path, doc: {}, hasComments: false, exists: false };
    throw new ConfigError(`Cannot read config file ${path}: ${describeError(err)}`);
  }
  const doc = parseConfigText(text, path);
  if (!isRecord(doc)) throw new ConfigError(`${path}: expected a JSON object at the top level`);
  return { path, doc, hasComments: !isStrictJson(text), exists: true };
}

/** Every problem loading `doc` would report (custom transformers imported, as `loadConfig` does). */
async function problems(doc: ConfigDocument, env: Env, path: string): Promise<ConfigIssue[]> {
  try {
    const extra = await loadCustomTransformers(customTransformerSources(doc, env), env, path);
    compileConfig(doc, env, path, extra);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.length > 0 ? err.issues : [{ path: "(root)", message: err.message }];
  }
}

const key = (issue: ConfigIssue) => `${issue.path}\n${issue.message}`;

/** `$VAR`s unset in this shell: the server's environment may well have them, so they are notes, never refusals. */
export function unsetVariables(doc: ConfigDocument, env: Env): ConfigIssue[] {
  return interpolate(doc, env).issues;
}

/** Problems the edit introduced: those of `edited` that `original` did not already have, unset variables aside. */
export async function newProblems(original: LoadedDocument, edited: ConfigDocument, env: Env): Promise<ConfigIssue[]> {
  const before = original.exists ? (await problems(original.doc, env, original.path)).map(key) : [];
  const ignored = new Set([...before, ...unsetVariables(edited, env).map(key)]);
  return (await problems(edited, env, original.path)).filter((issue) => !ignored.has(key(issue)));
}

/** Validates and saves (previous file backed up); throws ConfigError listing the problems the edit would introduce. */
export async function saveEdited(original: LoadedDocument, edited: ConfigDocument, env: Env): Promise<string[]> {
  const issues = await newProblems(original, edited, env);
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    throw new ConfigError([`Not saved: the change would make ${original.path} invalid:`, ...lines].join("\n"), issues);
  }
  const { backupPath } = await saveConfig(original.path, edited);
  const notes = [`Saved ${original.path}${backupPath === undefined ? "" : ` (previous version: ${backupPath})`}.`];
  const known = new Set(unsetVariables(original.doc, env).map(key));
  for (const issue of unsetVariables(edited, env).filter((i) => !known.has(key(i)))) notes.push(`Note: ${issue.path}: ${issue.message} here; the environment ccr runs in needs it.`);
  if (original.hasComments) notes.push("Comments and trailing commas of the old file are not kept (they are in the backup).");
  notes.push("A running ccr applies the change to the next request; no restart needed.");
  return notes;
}
