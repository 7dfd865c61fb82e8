// What is really going on with the service: the PID file is a hint, checked against the process table and /health.
import type { CompiledConfig } from "../config/compiled.ts";
import type { Env } from "../config/paths.ts";
import { readPidFile, removePidFile } from "./pidfile.ts";
import { describePortOwner, findPortOwner } from "./port-owner.ts";
import { probeHealth, portInUse } from "./probe.ts";
import { commandLine, describeProcess, isAlive, isCcrServerCommand } from "./process-check.ts";

/** Where the config says the server listens. */
export interface Target {
  host: string;
  port: number;
}

/** The service as found: `notes` say what stale state was cleaned up on the way. */
export type ServiceState =
  | { state: "running"; pid: number | undefined; url: string; version: string; uptime: number; notes: string[] }
  | { state: "unresponsive"; pid: number; url: string; notes: string[] }
  | { state: "port-taken"; url: string; reason: string; notes: string[] }
  | { state: "stopped"; url: string | undefined; notes: string[] };

/** The address the server binds for a config: without an APIKEY it is loopback only (as `startServer` does). */
export function targetOf(config: Pick<CompiledConfig, "host" | "port" | "apiKey">): Target {
  return { host: config.apiKey ? config.host : "127.0.0.1", port: config.port };
}

/** The URL to reach a target from this machine (a wildcard bind is reached over loopback). */
export function urlOf(target: Target): string {
  const host = target.host === "0.0.0.0" || target.host === "" ? "127.0.0.1" : target.host === "::" ? "[::1]" : target.host;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${target.port}`;
}

/** Checks the PID file, then the configured port; cleans up a PID file that names a dead or foreign process. */
export async function inspectService(env: Env, target: Target | undefined): Promise<ServiceState> {
  const notes: string[] = [];
  const record = readPidFile(env);
  if (record) {
    if (!isAlive(record.pid)) {
      removePidFile(env, record.pid);
      notes.push(`removed a stale PID file (process ${record.pid} is gone)`);
    } else {
      const probe = record.url ? await probeHealth(record.url) : { kind: "none" as const };
      if (probe.kind === "ccr" && (probe.pid === undefined || probe.pid === record.pid)) {
        return { state: "running", pid: record.pid, url: record.url, version: probe.version, uptime: probe.uptime, notes };
      }
      const argv = commandLine(record.pid);
      if (argv !== undefined && isCcrServerCommand(argv)) return { state: "unresponsive", pid: record.pid, url: record.url, notes };
      const who = describeProcess(record.pid);
      removePidFile(env, record.pid);
      notes.push(`removed a stale PID file (pid ${record.pid} now belongs to ${who}, not to ccr)`);
    }
  }
  if (target === undefined) return { state: "stopped", url: undefined, notes };
  const url = urlOf(target);
  const probe = await probeHealth(url);
  if (probe.kind === "ccr") return { state: "running", pid: probe.pid, url, version: probe.version, uptime: probe.uptime, notes };
  if (probe.kind === "other" || portInUse(target.host, target.port)) {
    return { state: "port-taken", url, reason: describePortOwner(target.port, findPortOwner(target.port)), notes };
  }
  return { state: "stopped", url, notes };
}
