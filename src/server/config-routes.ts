// GET/PUT /api/config and POST /api/config/validate: the config file as written, secrets masked, validated before saving.
import { readFile } from "node:fs/promises";
import { Elysia } from "elysia";
import type { CompiledConfig } from "../config/compiled.ts";
import { compileConfig } from "../config/compile.ts";
import { customTransformerSources, loadCustomTransformers } from "../config/custom-transformers.ts";
import { interpolate, isRecord } from "../config/interpolate.ts";
import { parseConfigText } from "../config/load.ts";
import { maskSecrets } from "../config/mask.ts";
import { referencedNames } from "../config/secret-values.ts";
import { configPath, type Env } from "../config/paths.ts";
import { saveConfig } from "../config/save.ts";
import { ConfigError, RouterError, type ConfigIssue } from "../errors.ts";
import { redact, type Logger } from "../log.ts";
import { errorResponse } from "../proxy/handle.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { lockedKeyChanges, restoreSecrets, secretStrings } from "./config-restore.ts";

/** What the config routes read: the running config, the environment it was loaded with, the logger. */
export interface ConfigRoutesDeps {
  config(): CompiledConfig;
  /** The server's environment ($VAR values, CCR_HOME); without it the file of the running config is used. */
  env: Env | undefined;
  logger: Logger;
  /** Applies the saved file to the running server before PUT answers (the file watcher would, a moment later). */
  applySaved?: () => Promise<void>;
}

interface Checked {
  path: string;
  document: unknown;
  issues: ConfigIssue[];
  warnings: readonly string[];
}

function envOf(deps: ConfigRoutesDeps): Env {
  // The running config was loaded with the process environment when none was handed in.
  return deps.env ?? process.env;
}

function fileOf(deps: ConfigRoutesDeps): string {
  const path = deps.env ? configPath(deps.env) : deps.config().path;
  if (path === undefined) throw new RouterError(503, "api_error", "ccr was started without a config file location, so the config cannot be edited here.");
  return path;
}

/** The file as written (JSONC parsed); `{}` when it does not exist yet. */
async function readDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return {};
    throw new RouterError(500, "api_error", `Cannot read ${path}.`);
  }
  return parseConfigText(text, path);
}

/** Restores masked secrets, refuses locked keys, then compiles exactly as loading does; collects every problem. */
async function check(request: Request, deps: ConfigRoutesDeps): Promise<Checked> {
  const path = fileOf(deps);
  const body = await readJsonBody(request, deps.config().bodyLimit);
  if (!isRecord(body.value)) throw new RouterError(400, "invalid_request_error", "The body must be the config document: a JSON object.");
  const previous = await readDocument(path);
  const restored = restoreSecrets(body.value, previous);
  const issues = [...restored.issues, ...lockedKeyChanges(restored.document, previous)];
  let warnings: readonly string[] = [];
  try {
    const env = envOf(deps);
    // The saved file's modules, never the submitted ones: importing runs a module, and `transformers` is locked
    // (a changed list is refused above, so when the answer can be yes both lists are the same).
    const extra = await loadCustomTransformers(customTransformerSources(previous, env), env, path);
    warnings = compileConfig(restored.document, env, path, extra).warnings;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...(err.issues.length > 0 ? err.issues : [{ path: "(root)", message: err.message }]));
  }
  return { path, document: restored.document, issues, warnings };
}

/** The values of the environment variables a document names: a `$VAR` put where a value is quoted in a problem
 * (`"LOG_LEVEL": "$AWS_SECRET_ACCESS_KEY"`) must not read the server's environment back to the caller. */
function referencedValues(document: unknown, env: Env): string[] {
  return referencedNames(document).flatMap((name) => env[name] ?? []);
}

/** Problem messages can quote values (`got "..."`): scrub every secret of the new and the running config. */
function scrub(checked: Checked, deps: ConfigRoutesDeps): { problems: ConfigIssue[]; warnings: string[] } {
  const env = envOf(deps);
  const secrets = [
    ...deps.config().secrets,
    ...secretStrings(interpolate(checked.document, env).value),
    ...secretStrings(checked.document),
    ...referencedValues(checked.document, env),
  ];
  return {
    problems: checked.issues.map((i) => ({ path: i.path, message: redact(i.message, secrets) })),
    warnings: checked.warnings.map((w) => redact(w, secrets)),
  };
}

function invalid(problems: ConfigIssue[]): Response {
  const message = `The config has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`;
  const error = new RouterError(400, "invalid_request_error", message);
  return Response.json({ ...error.toBody(), problems }, { status: 400 });
}

/** The admin routes for the config file; the admin guard in app.ts runs before them. */
export function configRoutes(deps: ConfigRoutesDeps) {
  const guarded = (fn: (request: Request) => Promise<Response>) => async ({ request }: { request: Request }) => {
    try {
      return await fn(request);
    } catch (err) {
      return errorResponse(err, deps.logger);
    }
  };
  return new Elysia()
    .get(
      "/api/config",
      guarded(async () => {
        const path = fileOf(deps);
        return Response.json({ path, config: maskSecrets(await readDocument(path)), warnings: deps.config().warnings });
      }),
    )
    .post(
      "/api/config/validate",
      guarded(async (request) => {
        const checked = await check(request, deps);
        const { problems, warnings } = scrub(checked, deps);
        return Response.json({ ok: problems.length === 0, path: checked.path, problems, warnings });
      }),
      { parse: "none" },
    )
    .put(
      "/api/config",
      guarded(async (request) => {
        const checked = await check(request, deps);
        const { problems, warnings } = scrub(checked, deps);
        if (problems.length > 0) return invalid(problems);
        const saved = await saveConfig(checked.path, checked.document);
        deps.logger.info("config saved through the admin API", { path: checked.path });
        await deps.applySaved?.();
        return Response.json({ ok: true, path: checked.path, backup: saved.backupPath ?? null, warnings });
      }),
      { parse: "none" },
    );
}
