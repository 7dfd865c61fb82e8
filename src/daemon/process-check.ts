// Facts about a process by PID, from the OS: is it alive, and is it a ccr server (PIDs get reused).
import { readFileSync } from "node:fs";

function errorCode(err: unknown): unknown {
  return err instanceof Error && "code" in err ? err.code : undefined;
}

/** The process state letter from /proc (Linux), undefined elsewhere or when unreadable. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    // No /proc (macOS) or the process is gone: the caller falls back to kill(0).
    return undefined;
  }
}

/** True while `pid` exists and is not a zombie (an exited child nobody has reaped yet counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    if (errorCode(err) !== "EPERM") return false;
  }
  return procState(pid) !== "Z";
}

/** The argv of `pid` (Linux /proc, else `ps`), or undefined when the OS will not say. */
export function commandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw.split("\0").filter((part) => part !== "");
  } catch {
    // Not Linux, or the process is gone: ask ps below.
  }
  const ps = Bun.spawnSync(["ps", "-p", String(pid), "-o", "command="], { stdout: "pipe", stderr: "ignore" });
  const text = ps.stdout.toString().trim();
  return ps.exitCode === 0 && text !== "" ? text.split(/\s+/) : undefined;
}

/** True when the argv is a ccr background server (`… serve --daemon`, what `ccr start` runs). */
export function isCcrServerCommand(argv: readonly string[]): boolean {
  return argv.includes("serve") && argv.includes("--daemon");
}

/** A short name for a process in messages: its command line quoted and capped, or `an unknown program`. */
export function describeProcess(pid: number): string {
  const argv = commandLine(pid);
  if (argv === undefined || argv.length === 0) return "an unknown program";
  const text = argv.join(" ");
  return `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;
}
