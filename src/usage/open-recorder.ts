// Opens the request log for a server: the database file (when there is a home), project lookup, and the recorder.
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import type { CompiledConfig } from "../config/compiled.ts";
import { createProjectFinder } from "../config/session-project.ts";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { createRecorder, type Recorder } from "./recorder.ts";
import { openUsageStore, type UsageStore } from "./store.ts";

export interface OpenRecorderOptions {
  /** The database file; without one rows only reach live subscribers (metrics, limits). */
  path: string | undefined;
  /** Claude Code's home, to name each session's project. */
  claudeHome: string | undefined;
  config: () => CompiledConfig;
  logger: Logger;
}

function openStore(path: string, logger: Logger): UsageStore | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Rows hold sessions, projects and (with LOG_BODIES) prompts: owner-only, like the log files. SQLite gives its
    // -wal and -shm files the database file's mode, so creating (or fixing) this one covers them.
    closeSync(openSync(path, "a", 0o600));
    chmodSync(path, 0o600);
    return openUsageStore(path);
  } catch (err) {
    logger.warn("request log unavailable; requests are not recorded", { path, error: describeError(err) });
    return undefined;
  }
}

/** A recorder writing to `path`, opened on first use; a file that cannot be opened is logged and the server runs without it. */
export function openRecorder(opts: OpenRecorderOptions): Recorder {
  const path = opts.path;
  const store = path ? () => openStore(path, opts.logger) : undefined;
  const onError = (message: string) => opts.logger.debug("project lookup failed", { error: message });
  const projectOf = opts.claudeHome ? createProjectFinder({ claudeHome: opts.claudeHome, now: Date.now, onError }) : undefined;
  return createRecorder({ store, config: opts.config, logger: opts.logger, projectOf });
}
