// `ccr start`: the router in the background; reuses a healthy one, waits for /health, explains any failure.
import { loadConfig } from "../config/load.ts";
import { startService } from "../daemon/ensure-running.ts";
import { clearStartedByCode } from "../daemon/sessions.ts";
import { targetOf } from "../daemon/inspect.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";

/** Starts the background server (or finds the running one) and prints where it answers. */
export const startCommand: Command = {
  name: "start",
  summary: "Start the router in the background (a running one is reused)",
  usage: "ccr start",
  async run(args, io) {
    expectNoPositionals(parseFlags(args, []).positionals);
    const config = await loadConfig(io.env);
    const running = await startService(io, targetOf(config));
    // The user now wants this service: autoStop after the last `ccr code` session must leave it running.
    clearStartedByCode(io.env);
    const pid = running.pid === undefined ? "" : ` (pid ${running.pid})`;
    io.stdout.write(running.started ? `ccr is running on ${running.url}${pid}\n` : `ccr is already running on ${running.url}${pid}\n`);
    return 0;
  },
};
