// Hot reload: watches config.json (and the custom router script) and hands over each new valid compiled config.
import { type FSWatcher, readFileSync, statSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import { ConfigError, describeError } from "../errors.ts";
import type { CompiledConfig } from "./compiled.ts";
import { resolveCustomRouterPath } from "./custom-router.ts";
import { interpolate, isRecord } from "./interpolate.ts";
import { loadConfig, parseConfigText } from "./load.ts";
import { configPath, type Env } from "./paths.ts";

/** Quiet time after the last file event before reloading: editors save in several steps. */
export const DEFAULT_DEBOUNCE_MS = 150;
/** Backstop poll of the watched files' mtimes, for filesystems where fs.watch misses events. */
export const POLL_MS = 2000;

export interface WatchConfigOptions {
  env: Env;
  /** A new valid config; swap it in (in-flight requests keep the old one). */
  onConfig: (config: CompiledConfig) => void;
  /** The new file is invalid (or gone); the message says why, and the running config should stay. */
  onError: (message: string) => void;
  debounceMs?: number;
  pollMs?: number;
}

export interface ConfigWatcher {
  /** Reloads now if the files changed (after a save through the admin API), and resolves once the new config is handed over. */
  check(): Promise<void>;
  stop(): void;
}

/** What a reload depends on: the config text and the custom router file's identity. */
interface Snapshot {
  key: string;
  configMissing: boolean;
  routerFile: string | undefined;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    return err instanceof Error && "code" in err && err.code === "ENOENT" ? undefined : `unreadable: ${describeError(err)}`;
  }
}

function statKey(path: string): string {
  try {
    const info = statSync(path);
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch (err) {
    return err instanceof Error && "code" in err && err.code === "ENOENT" ? "missing" : `error: ${describeError(err)}`;
  }
}

/** The custom router file a config text names (undefined when none or when the text does not parse). */
function routerFileOf(text: string, env: Env, path: string): string | undefined {
  try {
    const doc = interpolate(parseConfigText(text, path), env).value;
    const file = isRecord(doc) ? doc.CUSTOM_ROUTER_PATH : undefined;
    return typeof file === "string" && file !== "" ? resolveCustomRouterPath(file, env, path) : undefined;
  } catch (err) {
    // The reload reports the parse error itself; here the script is just not known yet.
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}

function snapshot(env: Env, path: string): Snapshot {
  const text = readOrUndefined(path);
  const routerFile = text === undefined ? undefined : routerFileOf(text, env, path);
  const routerKey = routerFile === undefined ? "" : `${routerFile}\0${statKey(routerFile)}`;
  return { key: `${text ?? "\0missing"}\0${routerKey}`, configMissing: text === undefined, routerFile };
}

/** Starts watching; the caller has already loaded the current config, so only changes from now on are reported. */
export function watchConfig(options: WatchConfigOptions): ConfigWatcher {
  const { env } = options;
  const path = configPath(env);
  const watchers = new Map<string, FSWatcher>();
  let current = snapshot(env, path);
  let pollKey = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const watchedFiles = (): string[] => [path, ...(current.routerFile === undefined ? [] : [current.routerFile])];
  const fingerprint = (): string => watchedFiles().map(statKey).join("|");

  function trigger(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /** One directory watcher per watched file's directory (editors replace files by rename), filtered on the file names. */
  function syncWatchers(): void {
    const wanted = new Map<string, Set<string>>();
    for (const file of watchedFiles()) wanted.set(dirname(file), (wanted.get(dirname(file)) ?? new Set()).add(basename(file)));
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted.keys()) {
      if (!watchers.has(dir)) startWatcher(dir, () => wanted.get(dir));
    }
  }

  function startWatcher(dir: string, names: () => Set<string> | undefined): void {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || names()?.has(name)) trigger();
      });
      // A watcher that fails (directory removed) is dropped; the poll recreates it when it can.
      watcher.on("error", () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch (err) {
      // The directory may not exist yet (ENOENT) or be unwatchable; the poll covers it and retries the watcher.
      if (!(err instanceof Error && "code" in err)) throw err;
    }
  }

  async function reload(): Promise<void> {
    if (stopped) return;
    if (loading) {
      again = true;
      return;
    }
    const next = snapshot(env, path);
    if (next.key === current.key) return;
    current = next;
    pollKey = fingerprint();
    syncWatchers();
    if (next.configMissing) return options.onError(`Config file ${path} is missing; keeping the running config.`);
    loading = load();
    await loading;
  }

  async function load(): Promise<void> {
    try {
      const config = await loadConfig(env);
      if (!stopped) options.onConfig(config);
    } catch (err) {
      if (!stopped) options.onError(describeError(err));
    } finally {
      loading = undefined;
      if (again) {
        again = false;
        trigger();
      }
    }
  }

  pollKey = fingerprint();
  syncWatchers();
  const poll = setInterval(() => {
    syncWatchers();
    const key = fingerprint();
    if (key === pollKey) return;
    pollKey = key;
    trigger();
  }, options.pollMs ?? POLL_MS);
  poll.unref();

  return {
    async check() {
      clearTimeout(timer);
      if (loading) await loading;
      await reload();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
