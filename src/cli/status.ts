// `ccr status`: running or not, checked for real (PID file, process, /health); exit 0 when running, 3 when not.
import { logsDir } from "../config/paths.ts";
import { serviceStatus } from "../daemon/status.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";

const statusFlags = [{ name: "json", type: "boolean", description: "Print the status as one JSON object" }] as const satisfies readonly FlagSpec[];

/** Exit code when the service is not running (as LSB `status` does), so scripts can tell it from an error (1). */
export const NOT_RUNNING = 3;

/** `5s`, `12m 3s`, `2h 5m`, `3d 4h`. */
export function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** Prints whether the background server runs, its PID, URL, version and uptime, or why it does not run. */
export const statusCommand: Command = {
  name: "status",
  summary: "Show whether the router runs, where, and since when",
  usage: "ccr status [--json]",
  flags: statusFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, statusFlags);
    expectNoPositionals(positionals);
    const status = await serviceStatus(io);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ ...status, logs: logsDir(io.env) })}\n`);
      return status.running ? 0 : NOT_RUNNING;
    }
    for (const note of status.notes) io.stderr.write(`ccr: ${note}\n`);
    if (!status.running) {
      io.stdout.write(`ccr is ${status.reason}\n`);
      io.stdout.write(status.pid === undefined ? "start it with: ccr start\n" : "replace it with: ccr restart\n");
      return NOT_RUNNING;
    }
    const pid = status.pid === undefined ? "" : `pid ${status.pid}, `;
    io.stdout.write(`ccr is running on ${status.url} (${pid}version ${status.version}, up ${formatUptime(status.uptime)})\n`);
    io.stdout.write(`logs: ${logsDir(io.env)} (ccr logs -f)\n`);
    return 0;
  },
};
