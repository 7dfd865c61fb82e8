// `ccr stop`: SIGTERM, wait for in-flight responses to drain, SIGKILL after a bound, PID file removed.
import { STOP_GRACE_MS, stopService, type Stopped } from "../daemon/stop.ts";
import type { Command, Io } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";

/** The one line `ccr stop` ends with: what was stopped and how, or why nothing was. */
export function stopOutcome(result: Stopped): string {
  if (!result.stopped) return `ccr was ${result.reason ?? "not running"}`;
  const how = result.killed ? `; killed: its responses did not finish within ${STOP_GRACE_MS / 1000} s` : "";
  return `ccr stopped (pid ${result.pid}${how})`;
}

/** `stopService` behind a spinner (the drain may take seconds); the spinner leaves no line, the caller prints the outcome. */
export async function stopWithSpinner(io: Io): Promise<Stopped> {
  const progress = io.prompter.spinner("stopping ccr (in-flight responses may finish first)");
  try {
    return await stopService(io);
  } finally {
    progress.clear();
  }
}

/** Stops the background server and waits until it has exited; not running is not an error. */
export const stopCommand: Command = {
  name: "stop",
  summary: "Stop the background router (waits for in-flight responses)",
  usage: "ccr stop",
  async run(args, io) {
    expectNoPositionals(parseFlags(args, []).positionals);
    const result = await stopWithSpinner(io);
    for (const note of result.notes) io.stderr.write(`ccr: ${note}\n`);
    io.stdout.write(`${stopOutcome(result)}\n`);
    return 0;
  },
};
