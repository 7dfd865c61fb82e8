// Reads a child process's CPU time and resident memory from /proc (Linux), the only view from outside the process.
import { readFileSync } from "node:fs";

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, 100 on nearly every Linux). */
function ticksPerSecond(): number {
  if (clockTicks !== undefined) return clockTicks;
  const out = Bun.spawnSync(["getconf", "CLK_TCK"]);
  const parsed = Number(out.stdout.toString().trim());
  clockTicks = Number.isFinite(parsed) && parsed > 0 ? parsed : 100;
  return clockTicks;
}

/** User + system CPU time of a whole process (all threads), in milliseconds. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces; fields after the closing parenthesis are space-separated.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the full line, i.e. 11 and 12 after the command name.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond();
}

/** Resident set size (VmRSS) in megabytes (MiB). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/** Machine-wide CPU time counters from /proc/stat: all ticks, and ticks stolen by the hypervisor. */
export function machineTicks(): { total: number; steal: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // Field 8 is steal; guest time (fields 9, 10) is already counted in user time.
  return { total: ticks.slice(0, 8).reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
}
