// `serviceStatus`: is the background server up, where, since when; or why it is not.
import type { Io } from "../cli/command.ts";
import type { Env } from "../config/paths.ts";
import { loadConfig } from "../config/load.ts";
import { describeError } from "../errors.ts";
import { inspectService, targetOf, type ServiceState, type Target } from "./inspect.ts";

/** The service as `ccr status` reports it. */
export type ServiceStatus =
  | { running: true; pid: number | undefined; url: string; uptime: number; version: string; notes: string[] }
  | { running: false; reason: string; url: string | undefined; pid: number | undefined; notes: string[] };

/** The configured target, or undefined (with the reason) when the config cannot be loaded: the PID file still counts. */
export async function configuredTarget(env: Env): Promise<{ target: Target | undefined; problem: string | undefined }> {
  try {
    return { target: targetOf(await loadConfig(env)), problem: undefined };
  } catch (err) {
    return { target: undefined, problem: describeError(err).split("\n")[0] };
  }
}

/** Turns an inspected state into a status. */
export function statusOf(state: ServiceState): ServiceStatus {
  switch (state.state) {
    case "running":
      return { running: true, pid: state.pid, url: state.url, uptime: state.uptime, version: state.version, notes: state.notes };
    case "unresponsive":
      return { running: false, reason: `not answering: process ${state.pid} is a ccr server, but nothing answers on ${state.url}`, url: state.url, pid: state.pid, notes: state.notes };
    case "port-taken":
      return { running: false, reason: `not running; ${state.reason}`, url: state.url, pid: undefined, notes: state.notes };
    case "stopped":
      return { running: false, reason: "not running", url: state.url, pid: undefined, notes: state.notes };
  }
}

/** Checks the PID file and the configured port; a stale PID file is removed and noted. */
export async function serviceStatus(io: Io): Promise<ServiceStatus> {
  const { target, problem } = await configuredTarget(io.env);
  const status = statusOf(await inspectService(io.env, target));
  // Without a config the port cannot be checked, and `ccr start` would refuse to start: say so rather than only "not running".
  if (problem !== undefined) status.notes.push(`the config cannot be loaded, so only the PID file was checked: ${problem.replace(/:$/, "")} (see: ccr config validate)`);
  return status;
}
