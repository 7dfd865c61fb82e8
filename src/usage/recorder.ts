// The request recorder: the hot path queues one object per request; a timer writes batches in one transaction,
// prunes old rows now and then, and tells subscribers (live feeds, metrics, limits) about each stored row.
import type { CompiledConfig } from "../config/compiled.ts";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { RequestFacts } from "./facts.ts";
import { rowOf, type Ending } from "./row.ts";
import type { RequestRow } from "./schema.ts";
import type { NewRow, UsageStore } from "./store.ts";

export type RowListener = (row: RequestRow) => void;

export interface Recorder {
  /** Queues a finished request; costs one array push on the hot path. */
  record(facts: RequestFacts, end: Ending): void;
  /** Calls `listener` with every row once it is stored; returns the unsubscribe function. */
  subscribe(listener: RowListener): () => void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Applies the retention settings now (when the database is open); returns the rows deleted. */
  prune(): number;
  /** The database, when there is one (the server runs without one when it has no home directory). */
  readonly store: UsageStore | undefined;
  /** Flushes, stops the timers and closes the database. */
  close(): Promise<void>;
}

export interface RecorderOptions {
  /** The database, or a function opening it on first use (an idle server never loads SQLite); without one rows still
   * reach subscribers (numbered in memory), they are just not kept. */
  store: UsageStore | (() => UsageStore | undefined) | undefined;
  config: () => CompiledConfig;
  logger: Logger;
  /** Session → Claude Code project folder, looked up at write time, off the hot path. */
  projectOf?: (session: string) => Promise<string | undefined>;
  now?: () => number;
  flushMs?: number;
  batchSize?: number;
  pruneEveryMs?: number;
}

const DAY_MS = 86_400_000;

/** Creates a recorder; it prunes when the database opens and then every `pruneEveryMs` (default one hour). */
export function createRecorder(opts: RecorderOptions): Recorder {
  const { logger } = opts;
  const now = opts.now ?? Date.now;
  // Short enough for the status line to see the row Claude Code just finished; under load rows still batch.
  const flushMs = opts.flushMs ?? 20;
  const batchSize = opts.batchSize ?? 200;
  const listeners = new Set<RowListener>();
  let queue: { facts: RequestFacts; end: Ending }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let memoryId = 0;
  let closed = false;
  let opened: UsageStore | undefined;
  let tried = false;
  const storeNow = (): UsageStore | undefined => {
    if (tried) return opened;
    tried = true;
    opened = typeof opts.store === "function" ? opts.store() : opts.store;
    prune();
    return opened;
  };

  const project = async (session: string | null): Promise<string | null> => {
    if (session === null || !opts.projectOf) return null;
    try {
      return (await opts.projectOf(session)) ?? null;
    } catch (err) {
      logger.debug("project lookup failed", { error: describeError(err) });
      return null;
    }
  };

  const write = async (batch: { facts: RequestFacts; end: Ending }[]) => {
    const config = opts.config();
    const projects = await Promise.all(batch.map((b) => project(b.facts.session)));
    const rows: NewRow[] = batch.map((b, i) => rowOf(b.facts, b.end, config, projects[i] ?? null));
    let stored: RequestRow[];
    try {
      const store = storeNow();
      stored = store ? store.insert(rows) : rows.map((r) => ({ id: ++memoryId, ...r }));
    } catch (err) {
      logger.warn("could not write the request log", { error: describeError(err), rows: rows.length });
      return;
    }
    for (const row of stored) {
      for (const listener of listeners) {
        try {
          listener(row);
        } catch (err) {
          logger.warn("request log subscriber failed", { error: describeError(err) });
        }
      }
    }
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return writing;
    const batch = queue;
    queue = [];
    writing = writing.then(() => write(batch));
    return writing;
  };

  function prune(): number {
    const store = opened;
    if (!store) return 0;
    const config = opts.config();
    try {
      return store.prune(now() - (config.usageRetentionDays ?? 30) * DAY_MS, config.usageMaxBytes ?? 200 * 1024 * 1024);
    } catch (err) {
      logger.warn("could not prune the request log", { error: describeError(err) });
      return 0;
    }
  }

  if (typeof opts.store !== "function") storeNow();
  const pruner = setInterval(prune, opts.pruneEveryMs ?? 3_600_000);
  pruner.unref();

  return {
    get store() {
      return storeNow();
    },
    record(facts, end) {
      if (closed) return;
      queue.push({ facts, end });
      if (queue.length >= batchSize) void flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    flush,
    prune,
    async close() {
      clearInterval(pruner);
      await flush();
      closed = true;
      opened?.close();
    },
  };
}

/** Records a request's end in the log, once. */
export type RecordEnd = (status: number, errorType: string | null) => void;

/** The end-of-request callback for one request: later calls (a second ending path) are ignored. */
export function recordEnd(recorder: Recorder | undefined, facts: RequestFacts): RecordEnd {
  let recorded = false;
  return (status, errorType) => {
    if (recorded || !recorder) return;
    recorded = true;
    recorder.record(facts, { status, errorType, durationMs: performance.now() - facts.start });
  };
}
