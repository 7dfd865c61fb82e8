// How ccr re-runs itself (the detached server, `ccr restart` from the UI): same runtime, same entry, new arguments.
import { basename } from "node:path";

/** The argv that runs this ccr with `args`: `[bun, src/main.ts, ...args]` under Bun, `[ccr-binary, ...args]` when compiled. */
export function selfCommand(...args: string[]): string[] {
  const runtime = process.execPath;
  if (basename(runtime).startsWith("bun")) return [runtime, Bun.main, ...args];
  return [runtime, ...args];
}
