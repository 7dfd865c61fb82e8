// Starts ccr for server and e2e tests: in-process (fast, logs captured) or as a `ccr serve` child process.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import { createLogger, type LogLevel } from "../../src/log.ts";
import { startServer } from "../../src/server/start.ts";

/** The repository root, where `src/main.ts` lives. */
export const REPO_ROOT = resolve(import.meta.dir, "../..");

export interface CcrOptions {
  /** Extra environment for config interpolation (`$VAR`); the base is only `HOME` and `CCR_HOME` (the temp dir). */
  env?: Record<string, string>;
  /** Level of the captured log lines (default `debug`). */
  logLevel?: LogLevel;
}

export interface RunningCcr {
  /** `http://127.0.0.1:<port>`: pass it as the Anthropic SDK `baseURL` / `ANTHROPIC_BASE_URL`. */
  url: string;
  /** The temp `CCR_HOME` holding `config.json`; removed by `stop()`. */
  home: string;
  /** Log lines the server wrote, for diagnosing a failing test. */
  logs: string[];
  stop(): Promise<void>;
}

/** Writes `configDocument` to a temp `CCR_HOME/config.json` and returns the directory. */
export async function writeCcrHome(configDocument: object): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "ccr-test-"));
  await writeFile(join(home, "config.json"), JSON.stringify(configDocument, null, 2));
  return home;
}

/** Starts ccr in this process on a free port with `configDocument` loaded the way `ccr serve` loads it. */
export async function startCcr(configDocument: object, opts: CcrOptions = {}): Promise<RunningCcr> {
  const home = await writeCcrHome(configDocument);
  const logs: string[] = [];
  try {
    const config = await loadConfig({ HOME: home, CCR_HOME: home, ...opts.env });
    const logger = createLogger({ level: opts.logLevel ?? "debug", secrets: config.secrets, write: (line) => logs.push(line) });
    const server = await startServer(config, { port: 0, logger });
    return {
      url: server.url,
      home,
      logs,
      async stop() {
        await server.stop();
        await rm(home, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(home, { recursive: true, force: true });
    throw err;
  }
}

/** A port that was free a moment ago (bind port 0, read it, release it). */
export function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(null, { status: 204 }) });
  const port = probe.port;
  probe.stop(true);
  if (port === undefined) throw new Error("could not pick a free port");
  return port;
}

export interface CcrProcess {
  url: string;
  port: number;
  home: string;
  /** Sends SIGTERM (SIGKILL after 5 s), waits for the exit and removes the temp home. */
  stop(): Promise<void>;
  /** The child's exit code once it exited (null while running or when killed by a signal). */
  exitCode(): number | null;
  /** Everything the child printed so far. */
  output(): { stdout: string; stderr: string };
}

async function collect(stream: ReadableStream<Uint8Array>, sink: { text: string }): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) sink.text += decoder.decode(chunk, { stream: true });
}

async function waitForHealth(url: string, exited: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline && !exited()) {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return true;
    await Bun.sleep(100);
  }
  return false;
}

/** Spawns `bun src/main.ts serve --port <free port>` with a temp `CCR_HOME` and waits (≤ 10 s) for `GET /health`. */
export async function startCcrProcess(configDocument: object, opts: CcrOptions & { args?: string[] } = {}): Promise<CcrProcess> {
  const home = await writeCcrHome(configDocument);
  const port = freePort();
  const proc = Bun.spawn([process.execPath, "src/main.ts", "serve", "--port", String(port), ...(opts.args ?? [])], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CCR_HOME: home, ...opts.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = { text: "" };
  const err = { text: "" };
  const pumps = Promise.all([collect(proc.stdout, out), collect(proc.stderr, err)]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    proc.kill("SIGTERM");
    const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(5000).then(() => false)]);
    if (!exited) proc.kill("SIGKILL");
    await proc.exited;
    await pumps;
    await rm(home, { recursive: true, force: true });
  };
  const healthy = await waitForHealth(url, () => proc.exitCode !== null, 10_000);
  if (!healthy) {
    await stop();
    throw new Error(`ccr serve did not answer /health on ${url} within 10 s (exit ${proc.exitCode})\nstdout:\n${out.text}\nstderr:\n${err.text}`);
  }
  return {
    url,
    port,
    home,
    exitCode: () => proc.exitCode,
    output: () => ({ stdout: out.text, stderr: err.text }),
    stop,
  };
}
