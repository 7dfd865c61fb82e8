// The service operations `ccr code` and `ccr ui` rely on, as one object so tests can stand in for the real daemon.
import type { Env } from "../config/paths.ts";
import { ensureRunning } from "../daemon/ensure-running.ts";
import { readPidFile } from "../daemon/pidfile.ts";
import { selfCommand } from "../daemon/self-command.ts";
import { stopService } from "../daemon/stop.ts";
import type { Io } from "./command.ts";

/** What `ccr code` and `ccr ui` need from the background service. */
export interface CodeDaemon {
  /** Starts the service unless it answers already; `started` says this call started it. */
  ensureRunning(io: Io): Promise<{ url: string; started: boolean }>;
  stopService(io: Io): Promise<unknown>;
  /** The pid the PID file names, if any (whether or not it is alive). */
  servicePid(env: Env): number | undefined;
  /** The argv that re-runs this ccr with `args`. */
  selfCommand(...args: string[]): string[];
}

/** The real daemon (src/daemon/). */
export const codeDaemon: CodeDaemon = {
  ensureRunning,
  stopService,
  servicePid: (env) => readPidFile(env)?.pid,
  selfCommand,
};
