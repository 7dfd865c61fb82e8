// Starts `ccr serve --daemon` detached (own session, no terminal) and waits until it answers /health with its own PID.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ccrHome, logsDir, type Env } from "../config/paths.ts";
import { DaemonError } from "../errors.ts";
import { newestLogFile } from "../logs/log-files.ts";
import { readPidFile } from "./pidfile.ts";
import { probeHealth } from "./probe.ts";
import { isAlive } from "./process-check.ts";
import { selfCommand } from "./self-command.ts";

/** How long `ccr start` waits for the new server's /health. */
export const START_TIMEOUT_MS = 10_000;

/** The detached server's stdout/stderr (the banner, or why it could not start), rewritten at each start. */
export function daemonOutputPath(env: Env): string {
  return join(logsDir(env), "daemon.out");
}

/** A started server process; `exitCode()` is null while it runs. */
export interface SpawnedServer {
  pid: number;
  exitCode(): number | null;
  kill(signal: NodeJS.Signals): void;
}

/** Spawns the background server with stdio going to `logs/daemon.out`, never to the starter's terminal. */
export function spawnServer(env: Env): SpawnedServer {
  mkdirSync(logsDir(env), { recursive: true });
  const out = openSync(daemonOutputPath(env), "w", 0o600);
  try {
    const child = Bun.spawn(selfCommand("serve", "--daemon"), {
      // Its own session: the server outlives the starter and its terminal's hang-up.
      detached: true,
      cwd: ccrHome(env),
      env: { ...env },
      stdio: ["ignore", out, out],
    });
    child.unref();
    return { pid: child.pid, exitCode: () => child.exitCode ?? (child.signalCode ? 128 : null), kill: (signal) => child.kill(signal) };
  } finally {
    closeSync(out);
  }
}

/** The last `count` non-empty lines of a text file ("" when missing). */
export function lastLines(path: string, count: number): string {
  if (!existsSync(path)) return "";
  const lines = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  return lines.slice(-count).join("\n");
}

/** What the server said before failing: its own output, else the tail of the newest log file. */
export function failureDetails(env: Env): string {
  const output = lastLines(daemonOutputPath(env), 15);
  if (output !== "") return `Its output (${daemonOutputPath(env)}):\n${output}`;
  const newest = newestLogFile(logsDir(env));
  const log = newest ? lastLines(join(logsDir(env), newest.name), 10) : "";
  return log === "" ? `It left no output in ${logsDir(env)}.` : `Last lines of ${join(logsDir(env), newest?.name ?? "")}:\n${log}`;
}

/** Polls until the server answers /health as itself and has written its PID file; throws with the reason otherwise. */
export async function waitUntilHealthy(env: Env, server: SpawnedServer, url: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = server.exitCode();
    if (code !== null || !isAlive(server.pid)) {
      throw new DaemonError(`ccr could not start: the server exited${code === null ? "" : ` with code ${code}`} before answering on ${url}.\n${failureDetails(env)}`);
    }
    const probe = await probeHealth(url, 500);
    if (probe.kind === "ccr" && probe.pid === server.pid && readPidFile(env)?.pid === server.pid) return;
    await Bun.sleep(100);
  }
  server.kill("SIGTERM");
  throw new DaemonError(
    `ccr did not answer on ${url}/health within ${timeoutMs / 1000} s, so it was stopped.\n${failureDetails(env)}\n` +
      `Check the log (ccr logs) and the config (ccr config validate), then run ccr start again.`,
  );
}
