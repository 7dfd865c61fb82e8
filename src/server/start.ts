// Starts the HTTP server for a compiled config on Bun's native server.
import type { CompiledConfig } from "../config/compiled.ts";
import type { Env } from "../config/paths.ts";
import type { Logger } from "../log.ts";
import packageJson from "../../package.json" with { type: "json" };
import { createOverrideStore } from "../config/overrides.ts";
import { createCircuitBreaker } from "../proxy/circuit.ts";
import { createGoogleTokens } from "../proxy/google-token.ts";
import type { ProxyDeps } from "../proxy/handle.ts";
import { createTokenCounter } from "../router/tokens.ts";
import { createApp } from "./app.ts";
import { createLimiter, limitFeed, type Limiter } from "./limits.ts";
import { join } from "node:path";
import { openRecorder } from "../usage/open-recorder.ts";
import type { Recorder } from "../usage/recorder.ts";
import { REQUESTS_DB } from "../usage/schema.ts";
import { endFeeds } from "./live-feed.ts";
import { createMetrics } from "./metrics.ts";

export interface StartOptions {
  /** Overrides config HOST (still forced to 127.0.0.1 when no APIKEY is set). */
  host?: string;
  /** Overrides config PORT; 0 picks a free port. */
  port?: number;
  logger: Logger;
  /** The server's environment, for the admin API's config routes (CCR_HOME, $VAR values). */
  env?: Env;
  /** Where project/session Router overrides live; without it only the global Router applies. */
  homes?: { ccrHome: string; claudeHome: string };
  /** Applies a config saved through the admin API at once (`ccr serve` checks its file watcher). */
  applySavedConfig?: () => Promise<void>;
  /** The request log file; default `<ccrHome>/requests.db` with `homes`, none without (rows then only feed metrics and limits). */
  usageDb?: string;
}

export interface RunningServer {
  /** `http://host:port` the server listens on. */
  url: string;
  hostname: string;
  port: number;
  /** The start-up line for the terminal, e.g. `ccr listening on http://127.0.0.1:3456 (no APIKEY: local only)`. */
  banner: string;
  /** Client-key limits; the request recorder feeds it tokens and cost (`recorder.subscribe(limitFeed(limiter))`). */
  limiter: Limiter;
  /** The request log: `subscribe` for live rows, `flush` to write what is queued. */
  recorder: Recorder;
  /** Replaces the config for the next requests; in-flight requests finish on the old one. */
  reload(config: CompiledConfig): void;
  /** Stops listening; with `drainMs` > 0 in-flight responses may finish for that long before connections are cut. */
  stop(drainMs?: number): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

/** Without an APIKEY the server is reachable from this machine only, whatever HOST says. */
export function bindAddress(config: CompiledConfig, requested: string | undefined): { host: string; note: string } {
  const host = requested ?? config.host;
  if (config.apiKey) return { host, note: "APIKEY required" };
  if (host !== LOOPBACK && host !== "localhost") {
    return { host: LOOPBACK, note: `no APIKEY set, so bound to ${LOOPBACK} instead of ${host}; set APIKEY to listen on other addresses` };
  }
  return { host: LOOPBACK, note: "no APIKEY: local only" };
}

export async function startServer(config: CompiledConfig, opts: StartOptions): Promise<RunningServer> {
  let current = config;
  const { host, note } = bindAddress(config, opts.host);
  const logger = opts.logger;
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: current.circuitFailures, cooldownMs: current.circuitCooldownMs }) });
  const tokens = createTokenCounter();
  const googleTokens = createGoogleTokens();
  const seenRouterErrors = new Set<string>();
  const onCustomRouterError = (message: string) => {
    if (seenRouterErrors.has(message)) return;
    seenRouterErrors.add(message);
    logger.warn("custom router failed; using the built-in rules", { error: message });
  };
  const storeFor = (c: CompiledConfig) =>
    opts.homes ? createOverrideStore({ ...opts.homes, providers: c.providers, onError: (message) => logger.warn("router override ignored", { error: message }) }) : undefined;
  let overrides = storeFor(config);
  const requestLog = opts.usageDb ?? (opts.homes ? join(opts.homes.ccrHome, REQUESTS_DB) : undefined);
  const recorder = openRecorder({ path: requestLog, claudeHome: opts.homes?.claudeHome, config: () => current, logger });
  const metrics = createMetrics();
  recorder.subscribe(metrics.observe);
  const limiter = createLimiter();
  const deps = (): ProxyDeps => ({ config: current, logger, breaker, tokens, googleTokens, overrides, onCustomRouterError, recorder, limiter });
  recorder.subscribe(limitFeed(limiter));
  const usage = { recorder, metrics, breaker, requestLog };
  const app = createApp({ config: () => current, deps, logger, version: packageJson.version, startedAt: Date.now(), env: opts.env, usage, applySavedConfig: opts.applySavedConfig });
  app.listen({
    hostname: host,
    port: opts.port ?? config.port,
    // Streams may stay silent for minutes while a model thinks; ccr's own watchdog bounds upstream waits.
    idleTimeout: 0,
    // ccr enforces its own limit with a readable 413; Bun's cap is only a backstop.
    maxRequestBodySize: config.bodyLimit * 2,
  });
  const server = app.server;
  if (!server) throw new Error(`could not listen on ${host}:${opts.port ?? config.port}`);
  const port = server.port ?? 0;
  const url = `http://${host}:${port}`;
  return {
    url,
    hostname: host,
    port,
    banner: `ccr ${packageJson.version} listening on ${url} (${note})`,
    limiter,
    recorder,
    reload: (next) => {
      current = next;
      overrides = storeFor(next);
      seenRouterErrors.clear();
    },
    stop: async (drainMs = 0) => {
      try {
        // Live feeds of the web UI never finish by themselves; it reconnects to the next server.
        endFeeds();
        if (drainMs <= 0) return void (await app.stop(true));
        const drained = app.stop(false).then(() => true);
        const timer = Bun.sleep(drainMs).then(() => false);
        if (!(await Promise.race([drained, timer]))) {
          logger.warn("drain time is up; closing the remaining connections", { drainMs });
          // Checked non-null above; the closure loses that narrowing.
          await server?.stop(true);
        }
        await drained;
      } finally {
        // Rows of the last requests are written before the process goes.
        await recorder.close();
      }
    },
  };
}
