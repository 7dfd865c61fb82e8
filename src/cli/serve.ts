// `ccr serve`: runs the router in the foreground until SIGINT/SIGTERM (what the daemon, Docker and CI run).
import { join } from "node:path";
import { loadConfig } from "../config/load.ts";
import { ccrHome } from "../config/paths.ts";
import { watchConfig } from "../config/watch.ts";
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
    let config = await loadConfig(io.env);
    const logger = createLogger({
      level: config.logLevel,
      // Read on every line: a reloaded config may bring new secrets.
      secrets: () => config.secrets,
      enabled: config.log,
      write: (line) => io.stderr.write(`${line}\n`),
    });
    // Loaded on use: the server pulls in the tokenizer (~0.5 s to evaluate), which `ccr --version` must not pay for.
    const { startServer } = await import("../server/start.ts");
    const home = io.env.HOME ?? io.env.USERPROFILE;
    const homes = home ? { ccrHome: ccrHome(io.env), claudeHome: join(home, ".claude") } : undefined;
    const server = await startServer(config, { host: flags.host, port: flags.port, logger, homes });
    io.stdout.write(`${server.banner}\n`);
    for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
    const watcher = watchConfig({
      env: io.env,
      onConfig: (next) => {
        config = next;
        server.reload(next);
        logger.info("config reloaded", { path: next.path, warnings: next.warnings.length });
      },
      onError: (message) => logger.error("config change rejected; the running config stays", { error: message }),
    });
    const signal = await io.waitForInterrupt();
    logger.info("stopping", { signal });
    watcher.stop();
    await server.stop();
    return 0;
  },
};
