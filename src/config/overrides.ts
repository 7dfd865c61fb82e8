// Project and session `Router` overrides (CCR v1 §2.6), merged key by key over the global Router at a tiny per-request cost.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../errors.ts";
import { mergeRouter } from "../router/merge.ts";
import type { RouterOverride } from "../router/types.ts";
import type { CompiledProvider, RouterSlots } from "./compiled.ts";
import { parseRouterOverride } from "./override-file.ts";
import { createProjectFinder, remember } from "./session-project.ts";

/** A file's mtime is checked at most this often; within that window the cached parse is used. */
export const RECHECK_MS = 1000;

export interface OverrideStoreOptions {
  /** ccr's home (`CCR_HOME`, else ~/.claude-code-router): overrides live in `<ccrHome>/<project>/`. */
  ccrHome: string;
  /** Claude Code's home (~/.claude): sessions are found under `<claudeHome>/projects/<project>/<sessionId>.jsonl`. */
  claudeHome: string;
  /** The configured providers; routes in override files are checked against them (make a new store after a reload). */
  providers: ReadonlyMap<string, CompiledProvider>;
  /** Told once per file version why an override file is ignored. */
  onError?: (message: string) => void;
  /** Clock in milliseconds (tests inject one). */
  now?: () => number;
}

export interface OverrideStore {
  /** The Router for this session: session file > project file > global, key by key; `global` itself when nothing applies. */
  routerFor(sessionId: string | undefined, global: RouterSlots): Promise<RouterSlots>;
}

interface CachedFile {
  /** `mtimeMs:size`, or `missing`. */
  version: string;
  checkedAt: number;
  override: RouterOverride | undefined;
}

/** Session ids come from the client; anything that could leave the project folder is refused. */
function isSafeId(sessionId: string): boolean {
  return sessionId !== "" && !sessionId.includes("/") && !sessionId.includes("\\") && !sessionId.includes("..");
}

/** Creates the store; parsed files are cached and re-read only when their mtime or size changed. */
export function createOverrideStore(options: OverrideStoreOptions): OverrideStore {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const findProject = createProjectFinder({ claudeHome: options.claudeHome, now, onError });
  const files = new Map<string, CachedFile>();
  const inflight = new Map<string, Promise<RouterOverride | undefined>>();

  async function versionOf(path: string): Promise<string> {
    try {
      const info = await stat(path);
      return `${info.mtimeMs}:${info.size}`;
    } catch (err) {
      if (!(err instanceof Error && "code" in err && err.code === "ENOENT")) onError(`Cannot read ${path}: ${describeError(err)}`);
      return "missing";
    }
  }

  async function parse(path: string, version: string): Promise<RouterOverride | undefined> {
    if (version === "missing") return undefined;
    try {
      const parsed = parseRouterOverride(await readFile(path, "utf8"), path, options.providers);
      if (parsed.ok) return parsed.override;
      onError(parsed.error);
    } catch (err) {
      onError(`Ignoring Router override ${path}: ${describeError(err)}`);
    }
    return undefined;
  }

  async function refresh(path: string, cached: CachedFile | undefined): Promise<RouterOverride | undefined> {
    const checkedAt = now();
    const version = await versionOf(path);
    const override = cached?.version === version ? cached.override : await parse(path, version);
    remember(files, path, { version, checkedAt, override });
    return override;
  }

  function overrideAt(path: string): Promise<RouterOverride | undefined> {
    const cached = files.get(path);
    if (cached !== undefined && now() - cached.checkedAt < RECHECK_MS) return Promise.resolve(cached.override);
    const running = inflight.get(path);
    if (running !== undefined) return running;
    const lookup = refresh(path, cached).finally(() => inflight.delete(path));
    inflight.set(path, lookup);
    return lookup;
  }

  return {
    async routerFor(sessionId, global) {
      if (sessionId === undefined || !isSafeId(sessionId)) return global;
      const project = await findProject(sessionId);
      if (project === undefined) return global;
      const dir = join(options.ccrHome, project);
      const [projectOverride, sessionOverride] = await Promise.all([
        overrideAt(join(dir, "config.json")),
        overrideAt(join(dir, `${sessionId}.json`)),
      ]);
      if (projectOverride === undefined && sessionOverride === undefined) return global;
      return mergeRouter(global, projectOverride, sessionOverride);
    },
  };
}
