// `ccr serve`: runs the router in the foreground until SIGINT/SIGTERM (what the daemon, Docker and CI run).
import { join } from "node:path";
import { loadConfig } from "../config/load.ts";
import { ccrHome, logsDir } from "../config/paths.ts";
import { type ConfigWatcher, watchConfig } from "../config/watch.ts";
import { urlOf } from "../daemon/inspect.ts";
import { removePidFile, writePidFile } from "../daemon/pidfile.ts";
import { describeError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { createRotatingWriter, type RotatingWriter } from "../logs/rotating-writer.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { listenFailure } from "./listen-failure.ts";

/** How long in-flight responses may take to finish after SIGTERM before their connections are cut. */
export const DRAIN_MS = 10_000;

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
  {
    name: "daemon",
    type: "boolean",
    description: "Run as the background service (what ccr start runs): write CCR_HOME/ccr.pid once listening, log to files only",
  },
] as const satisfies readonly FlagSpec[];

/** Loads the config, starts the server, prints the banner and warnings, and drains then stops on Ctrl-C/SIGTERM. */
export const serveCommand: Command = {
  name: "serve",
  summary: "Run the router in the foreground until Ctrl-C",
  usage: "ccr serve [--port N] [--host H]",
  flags: serveFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, serveFlags);
    expectNoPositionals(positionals);
    const daemon = flags.daemon === true;
    let config = await loadConfig(io.env);
    // Opened by the first line written, so `LOG: true` arriving with a reload starts the files too.
    let files: RotatingWriter | undefined;
    const openFiles = () =>
      (files ??= createRotatingWriter({
        dir: logsDir(io.env),
        maxFiles: config.logMaxFiles,
        maxBytes: config.logMaxBytes,
        onError: (message) => io.stderr.write(`warning: ${message}\n`),
      }));
    const logger = createLogger({
      // Read on every line: a reloaded config applies its LOG and LOG_LEVEL at once.
      level: () => config.logLevel,
      // Read on every line: a reloaded config may bring new secrets.
      secrets: () => config.secrets,
      enabled: () => config.log,
      write: (line) => {
        openFiles().write(line);
        // The foreground server also shows its log (Docker collects stderr); the background one has no terminal.
        if (!daemon) io.stderr.write(`${line}\n`);
      },
    });
    // Loaded on use: the server pulls in the tokenizer (~0.5 s to evaluate), which `ccr --version` must not pay for.
    const { startServer, bindAddress } = await import("../server/start.ts");
    const home = io.env.HOME ?? io.env.USERPROFILE;
    const homes = home ? { ccrHome: ccrHome(io.env), claudeHome: join(home, ".claude") } : undefined;
    let watcher: ConfigWatcher | undefined;
    const applySavedConfig = async () => watcher?.check();
    const port = flags.port ?? config.port;
    const server = await startServer(config, { host: flags.host, port: flags.port, logger, homes, env: io.env, applySavedConfig }).catch((err: unknown) => {
      const failure = listenFailure(err, bindAddress(config, flags.host).host, port);
      // The foreground server's stderr already shows the message; the background one's log file is where `ccr logs` looks.
      if (daemon) logger.error("could not start", { error: describeError(failure) });
      files?.close();
      throw failure;
    });
    if (daemon) writePidFile(io.env, { pid: process.pid, url: urlOf({ host: server.hostname, port: server.port }), startedAt: Date.now() });
    io.stdout.write(`${server.banner}\n`);
    logger.info("listening", { url: server.url, pid: process.pid, daemon });
    for (const warning of config.warnings) {
      io.stderr.write(`warning: ${warning}\n`);
      // The background server's stderr is not read by anyone: its warnings belong in the log.
      if (daemon) logger.warn(warning);
    }
    watcher = watchConfig({
      env: io.env,
      onConfig: (next) => {
        config = next;
        server.reload(next);
        logger.info("config reloaded", { path: next.path, warnings: next.warnings.length });
      },
      onError: (message) => logger.error("config change rejected; the running config stays", { error: message }),
    });
    const signal = await io.waitForInterrupt();
    logger.info("stopping: no new connections, in-flight responses may finish", { signal, drainMs: DRAIN_MS });
    watcher.stop();
    await server.stop(DRAIN_MS);
    if (daemon) removePidFile(io.env, process.pid);
    logger.info("stopped");
    files?.close();
    return 0;
  },
};
