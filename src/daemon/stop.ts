// `stopService`: SIGTERM, wait for the drain, SIGKILL after a bound, then the PID file goes.
import type { Io } from "../cli/command.ts";
import { DaemonError, describeError } from "../errors.ts";
import { removePidFile } from "./pidfile.ts";
import { isAlive } from "./process-check.ts";
import { inspectService } from "./inspect.ts";
import { configuredTarget } from "./status.ts";

/** The server drains for up to 10 s; this leaves it room to finish before SIGKILL. */
export const STOP_GRACE_MS = 12_000;

/** What `stopService` did. */
export interface Stopped {
  stopped: boolean;
  pid: number | undefined;
  /** True when SIGTERM was not enough. */
  killed: boolean;
  /** Why nothing was stopped (`not running`, or the other program on the port). */
  reason: string | undefined;
  notes: string[];
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await Bun.sleep(50);
  }
  return !isAlive(pid);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ESRCH") return;
    throw new DaemonError(`cannot stop ccr (pid ${pid}): ${describeError(err)}`);
  }
}

/** Stops the ccr serving this home (PID file or the configured port); waits until it has exited. */
export async function stopService(io: Io, graceMs = STOP_GRACE_MS): Promise<Stopped> {
  const { target } = await configuredTarget(io.env);
  const state = await inspectService(io.env, target);
  const notes = state.notes;
  if (state.state === "stopped") return { stopped: false, pid: undefined, killed: false, reason: "not running", notes };
  if (state.state === "port-taken") return { stopped: false, pid: undefined, killed: false, reason: `not running; ${state.reason}`, notes };
  const pid = state.pid;
  if (pid === undefined) throw new DaemonError(`a ccr answers on ${state.url} but does not tell its PID (an older version?); stop it where it was started`);
  signal(pid, "SIGTERM");
  let killed = false;
  if (!(await waitForExit(pid, graceMs))) {
    killed = true;
    signal(pid, "SIGKILL");
    if (!(await waitForExit(pid, 3000))) throw new DaemonError(`ccr (pid ${pid}) did not exit after SIGKILL`);
  }
  removePidFile(io.env, pid);
  return { stopped: true, pid, killed, reason: undefined, notes };
}
