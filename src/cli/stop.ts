// `ccr stop`: SIGTERM, wait for in-flight responses to drain, SIGKILL after a bound, PID file removed.
import { stopService } from "../daemon/stop.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";

/** Stops the background server and waits until it has exited; not running is not an error. */
export const stopCommand: Command = {
  name: "stop",
  summary: "Stop the background router (waits for in-flight responses)",
  usage: "ccr stop",
  async run(args, io) {
    expectNoPositionals(parseFlags(args, []).positionals);
    const progress = io.prompter.spinner("stopping ccr");
    const result = await stopService(io).catch((err: unknown) => {
      progress.fail("ccr could not be stopped");
      throw err;
    });
    for (const note of result.notes) io.stderr.write(`ccr: ${note}\n`);
    if (!result.stopped) {
      progress.stop(`ccr was ${result.reason ?? "not running"}`);
      return 0;
    }
    progress.stop(result.killed ? "it did not finish draining in time and was killed" : "drained and exited");
    io.stdout.write(`ccr stopped (pid ${result.pid})\n`);
    return 0;
  },
};
