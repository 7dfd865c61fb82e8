// Start the background server unless a healthy ccr already answers: what `ccr start`, `ccr code` and `ccr ui` share.
import type { Io } from "../cli/command.ts";
import { loadConfig } from "../config/load.ts";
import { logsDir } from "../config/paths.ts";
import { DaemonError } from "../errors.ts";
import { inspectService, targetOf, urlOf, type ServiceState, type Target } from "./inspect.ts";
import { withStartLock } from "./lock.ts";
import { spawnServer, waitUntilHealthy } from "./spawn.ts";
import { STOP_GRACE_MS } from "./stop.ts";

/** Where the service answers and whether this call started it. */
export interface Running {
  url: string;
  started: boolean;
  pid: number | undefined;
}

/** Reuses a healthy ccr, otherwise starts one detached and waits for /health (10 s), with a spinner. */
export async function ensureRunning(io: Io): Promise<{ url: string; started: boolean }> {
  const config = await loadConfig(io.env);
  return startService(io, targetOf(config));
}

/** `ensureRunning` for a known target; one start at a time per ccr home (a second one waits, then reuses). */
export function startService(io: Io, target: Target): Promise<Running> {
  return withStartLock(io.env, startWaitNotice(io), () => startLocked(io, target));
}

/** Tells the user that another start holds the lock and we wait for it. */
export function startWaitNotice(io: Io): (pid: number) => void {
  return (pid) => io.stderr.write(`waiting for another ccr start (pid ${pid}) to finish...\n`);
}

/** The start itself; the caller holds the start lock (`ccr restart` holds it across stop and start). */
export async function startLocked(io: Io, target: Target): Promise<Running> {
  const state = await settled(io, target);
  for (const note of state.notes) io.stderr.write(`ccr: ${note}\n`);
  switch (state.state) {
    case "running":
      return { url: state.url, started: false, pid: state.pid };
    case "unresponsive":
      throw new DaemonError(`ccr (pid ${state.pid}) is running but does not answer on ${state.url}; run "ccr restart" to replace it`);
    case "port-taken":
      throw new DaemonError(`cannot start ccr on ${state.url}: ${state.reason}. Stop that program, or set PORT in config.json to a free port.`);
    case "stopped":
      return launch(io, target);
  }
}

/** The state once a server that does not answer (stopping: draining its last responses) has exited or answers again. */
async function settled(io: Io, target: Target): Promise<ServiceState> {
  let state = await inspectService(io.env, target);
  if (state.state !== "unresponsive") return state;
  const progress = io.prompter.spinner(`waiting for ccr (pid ${state.pid}) to finish stopping`);
  const deadline = Date.now() + STOP_GRACE_MS;
  while (state.state === "unresponsive" && Date.now() < deadline) {
    await Bun.sleep(200);
    state = await inspectService(io.env, target);
  }
  // A server that still does not answer becomes the caller's error; saying it here too would print it twice.
  if (state.state === "unresponsive") progress.clear();
  else progress.stop("the previous ccr has exited");
  return state;
}

async function launch(io: Io, target: Target): Promise<Running> {
  const url = urlOf(target);
  const progress = io.prompter.spinner(`starting ccr on ${url}`);
  try {
    const server = spawnServer(io.env);
    await waitUntilHealthy(io.env, server, url);
    progress.stop(`ccr started (pid ${server.pid}); logs in ${logsDir(io.env)}`);
    return { url, started: true, pid: server.pid };
  } catch (err) {
    // The error says why the start failed; a spinner line before it would only repeat "could not start".
    progress.clear();
    throw err;
  }
}
