// Who listens on a port: /proc/net/tcp + /proc/*/fd on Linux, else `ss -ltnp` or `lsof`; parsers are pure and tested.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The program holding a port; `pid` is undefined when the OS only says that the port is taken. */
export interface PortOwner {
  pid: number | undefined;
  name: string | undefined;
}

/** Socket inodes listening (state 0A) on `port` in the text of /proc/net/tcp or /proc/net/tcp6. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return procNetTcp
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A")
    .map((cols) => cols[9] ?? "")
    .filter((inode) => inode !== "" && inode !== "0");
}

/** The first `users:(("name",pid=N,...))` of `ss -ltnp` output for `port`. */
export function ownerFromSs(output: string, port: number): PortOwner | undefined {
  for (const line of output.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (!cols.some((col) => col.endsWith(`:${port}`))) continue;
    const match = /users:\(\("([^"]*)",pid=(\d+)/.exec(line);
    if (match) return { pid: Number(match[2]), name: match[1] };
  }
  return undefined;
}

/** `lsof -F pc` output: `p<pid>` then `c<command>` lines. */
export function ownerFromLsof(output: string): PortOwner | undefined {
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  const name = /^c(.+)$/m.exec(output)?.[1];
  return pid === undefined ? undefined : { pid: Number(pid), name };
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Missing on this OS (or tcp6 disabled): nothing to find there.
    return "";
  }
}

function processName(pid: number): string | undefined {
  const comm = readText(`/proc/${pid}/comm`).trim();
  return comm === "" ? undefined : comm;
}

/** The PID whose open file descriptors include one of `inodes` (only processes we may inspect). */
function pidOfInodes(inodes: readonly string[]): number | undefined {
  const wanted = new Set(inodes.map((inode) => `socket:[${inode}]`));
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      // Another user's process (or gone): not ours to look into.
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return undefined;
}

function run(argv: string[]): string {
  try {
    const proc = Bun.spawnSync(argv, { stdout: "pipe", stderr: "ignore" });
    return proc.exitCode === 0 ? proc.stdout.toString() : "";
  } catch {
    // The tool is not installed.
    return "";
  }
}

/** The program listening on `port`, as far as the OS tells; undefined when nothing could be found. */
export function findPortOwner(port: number): PortOwner | undefined {
  const inodes = [...listeningInodes(readText("/proc/net/tcp"), port), ...listeningInodes(readText("/proc/net/tcp6"), port)];
  if (inodes.length > 0) {
    const pid = pidOfInodes(inodes);
    if (pid !== undefined) return { pid, name: processName(pid) };
  }
  const ss = ownerFromSs(run(["ss", "-ltnpH"]), port);
  if (ss) return ss;
  const lsof = ownerFromLsof(run(["lsof", "-nP", `-iTCP:${port}`, "-sTCP:LISTEN", "-Fpc"]));
  if (lsof) return lsof;
  return inodes.length > 0 ? { pid: undefined, name: undefined } : undefined;
}

/** `port 3456 is held by python3 (pid 4242)`, or what to run when the OS keeps the owner to itself. */
export function describePortOwner(port: number, owner: PortOwner | undefined): string {
  if (owner?.pid !== undefined) return `port ${port} is held by ${owner.name ?? "another program"} (pid ${owner.pid})`;
  return `port ${port} is held by another program (find it with: ss -ltnp 'sport = :${port}' or lsof -i :${port})`;
}
