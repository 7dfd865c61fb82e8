// Maps a Claude Code session to its project folder (the one under ~/.claude/projects holding `<sessionId>.jsonl`).
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../errors.ts";

/** Entries kept per cache, oldest dropped first (CCR kept 1000 too). */
export const MAX_CACHED = 1000;
/** How long "no project yet" is believed: a transcript appears shortly after a session's first request. */
export const NEGATIVE_TTL_MS = 30_000;

export interface ProjectFinderOptions {
  claudeHome: string;
  now: () => number;
  onError: (message: string) => void;
}

interface Cached {
  project: string | undefined;
  at: number;
}

function hasCode(err: unknown, code: string): boolean {
  return err instanceof Error && "code" in err && err.code === code;
}

/** Sets a key in a bounded map, evicting the oldest entry when full. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next();
  if (map.size > MAX_CACHED && !oldest.done) map.delete(oldest.value);
}

/** Returns a lookup that scans the projects once per session; found projects are cached, misses only for 30 s. */
export function createProjectFinder(options: ProjectFinderOptions): (sessionId: string) => Promise<string | undefined> {
  const cache = new Map<string, Cached>();
  const inflight = new Map<string, Promise<string | undefined>>();
  const projectsDir = join(options.claudeHome, "projects");

  async function listProjects(): Promise<Dirent[]> {
    try {
      return await readdir(projectsDir, { withFileTypes: true });
    } catch (err) {
      if (!hasCode(err, "ENOENT")) options.onError(`Cannot list Claude Code projects in ${projectsDir}: ${describeError(err)}`);
      return [];
    }
  }

  async function holds(project: string, sessionId: string): Promise<boolean> {
    try {
      return (await stat(join(projectsDir, project, `${sessionId}.jsonl`))).isFile();
    } catch (err) {
      if (!hasCode(err, "ENOENT") && !hasCode(err, "ENOTDIR")) {
        options.onError(`Cannot check ${project}/${sessionId}.jsonl: ${describeError(err)}`);
      }
      return false;
    }
  }

  async function scan(sessionId: string): Promise<string | undefined> {
    const entries = await listProjects();
    const candidates = entries.filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => entry.name);
    candidates.sort();
    const found = await Promise.all(candidates.map((project) => holds(project, sessionId)));
    const project = candidates.find((_, i) => found[i]);
    remember(cache, sessionId, { project, at: options.now() });
    return project;
  }

  return (sessionId) => {
    const cached = cache.get(sessionId);
    if (cached !== undefined && (cached.project !== undefined || options.now() - cached.at < NEGATIVE_TTL_MS)) {
      return Promise.resolve(cached.project);
    }
    const running = inflight.get(sessionId);
    if (running !== undefined) return running;
    const lookup = scan(sessionId).finally(() => inflight.delete(sessionId));
    inflight.set(sessionId, lookup);
    return lookup;
  };
}
