// Temp CCR_HOMEs for daemon tests: a config on a free port, stand-in servers, and cleanup of everything spawned.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPidFile } from "../../src/daemon/pidfile.ts";
import { freePort, REPO_ROOT } from "./ccr-server.ts";

export interface DaemonHome {
  env: Record<string, string>;
  home: string;
  port: number;
  url: string;
}

const homes: string[] = [];
const servers: { stop(force: boolean): unknown }[] = [];
const pids: number[] = [];

/** A temp CCR_HOME whose config listens on a free port (`extra` keys merged in). */
export function daemonHome(extra: Record<string, unknown> = {}): DaemonHome {
  const home = mkdtempSync(join(tmpdir(), "ccr-daemon-"));
  homes.push(home);
  const port = freePort();
  writeFileSync(join(home, "config.json"), JSON.stringify({ PORT: port, Providers: [], Router: {}, ...extra }));
  return { env: { HOME: home, CCR_HOME: home, PATH: process.env.PATH ?? "/usr/bin:/bin" }, home, port, url: `http://127.0.0.1:${port}` };
}

/** A stand-in ccr on `port`: answers /health like the real one, with this process's PID. */
export function fakeCcrOn(port: number): void {
  servers.push(
    Bun.serve({ hostname: "127.0.0.1", port, fetch: () => Response.json({ status: "ok", service: "ccr", pid: process.pid, version: "9.9.9", uptime: 65 }) }),
  );
}

/** Another program on `port` (404 to everything). */
export function otherServerOn(port: number): void {
  servers.push(Bun.serve({ hostname: "127.0.0.1", port, fetch: () => new Response("not ccr", { status: 404 }) }));
}

/** Remembers a PID to SIGKILL at cleanup. */
export function track(pid: number): void {
  pids.push(pid);
}

/** Runs `bun src/main.ts serve --daemon` for `home` (what `ccr start` spawns) and waits for its PID file. */
export async function spawnDaemon(home: DaemonHome): Promise<number> {
  const child = Bun.spawn([process.execPath, join(REPO_ROOT, "src/main.ts"), "serve", "--daemon"], {
    env: home.env,
    stdio: ["ignore", "ignore", "ignore"],
  });
  track(child.pid);
  for (let i = 0; i < 200; i++) {
    if (readPidFile(home.env)?.pid === child.pid) return child.pid;
    await Bun.sleep(25);
  }
  throw new Error("the daemon did not write its PID file within 5 s");
}

/** Stops stand-in servers, kills tracked processes and removes the temp homes. */
export function cleanUpDaemonHomes(): void {
  for (const server of servers.splice(0)) server.stop(true);
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
}
