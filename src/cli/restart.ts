// `ccr restart`: stop (waiting for the exit) then start (waiting for /health), holding the start lock throughout.
import { loadConfig } from "../config/load.ts";
import { startLocked, startWaitNotice } from "../daemon/ensure-running.ts";
import { targetOf } from "../daemon/inspect.ts";
import { withStartLock } from "../daemon/lock.ts";
import { ConfigError } from "../errors.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";
import { stopOutcome, stopWithSpinner } from "./stop.ts";

/** Replaces the background server with a fresh one; starts one when none runs. */
export const restartCommand: Command = {
  name: "restart",
  summary: "Restart the background router (stop, then start and wait until healthy)",
  usage: "ccr restart",
  async run(args, io) {
    expectNoPositionals(parseFlags(args, []).positionals);
    // Checked before stopping: a broken config must not take the running server down.
    const config = await loadConfig(io.env).catch((err: unknown) => {
      if (err instanceof ConfigError) io.stderr.write("ccr restart: the config has problems, so nothing was stopped or started; fix them, then run ccr restart again\n");
      throw err;
    });
    const running = await withStartLock(io.env, startWaitNotice(io), async () => {
      const stopped = await stopWithSpinner(io);
      for (const note of stopped.notes) io.stderr.write(`ccr: ${note}\n`);
      if (stopped.stopped) io.stderr.write(`${stopOutcome(stopped)}\n`);
      return startLocked(io, targetOf(config));
    });
    io.stdout.write(`ccr is running on ${running.url}${running.pid === undefined ? "" : ` (pid ${running.pid})`}\n`);
    return 0;
  },
};
