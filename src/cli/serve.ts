// `ccr serve`: runs the router in the foreground until SIGINT/SIGTERM (what the daemon, Docker and CI run).
import { loadConfig } from "../config/load.ts";
import { createLogger } from "../log.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";

const serveFlags = [
  {
    name: "port",
    type: "port",
    placeholder: "N",
    description: "Listen on this port instead of the config's PORT (default 3456); 0 picks a free one",
  },
  {
    name: "host",
    type: "string",
    placeholder: "H",
    description: "Bind to this address instead of the config's HOST (127.0.0.1 unless APIKEY is set)",
  },
] as const satisfies readonly FlagSpec[];

/** Loads the config, starts the server, prints the banner and warnings, and stops cleanly on Ctrl-C. */
export const serveCommand: Command = {
  name: "serve",
  summary: "Run the router in the foreground until Ctrl-C",
  usage: "ccr serve [--port N] [--host H]",
  flags: serveFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, serveFlags);
    expectNoPositionals(positionals);
    const config = await loadConfig(io.env);
    const logger = createLogger({
      level: config.logLevel,
      secrets: config.secrets,
      enabled: config.log,
      write: (line) => io.stderr.write(`${line}\n`),
    });
    // Loaded on use: the server pulls in the tokenizer (~0.5 s to evaluate), which `ccr --version` must not pay for.
    const { startServer } = await import("../server/start.ts");
    const server = await startServer(config, { host: flags.host, port: flags.port, logger });
    io.stdout.write(`${server.banner}\n`);
    for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
    const signal = await io.waitForInterrupt();
    logger.info("stopping", { signal });
    await server.stop();
    return 0;
  },
};
