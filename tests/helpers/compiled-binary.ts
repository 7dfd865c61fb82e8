// The compiled ccr binary for this machine, built once per test run when missing or older than the sources.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "../..");

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

let built: Promise<string> | undefined;

/** Path of `dist/ccr-<os>-<arch>`, rebuilt with `bun scripts/build.ts` if any file under src/ is newer. Takes ~5-20 s cold. */
export function compiledBinary(): Promise<string> {
  built ??= (async () => {
    const os = process.platform === "win32" ? "windows" : process.platform;
    const file = join(root, "dist", `ccr-${os}-${process.arch}${os === "windows" ? ".exe" : ""}`);
    const fresh = existsSync(file) && statSync(file).mtimeMs >= newestSourceMtime(join(root, "src"));
    if (fresh) return file;
    const proc = Bun.spawn([process.execPath, join(root, "scripts", "build.ts")], { cwd: root, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    if (code !== 0 || !existsSync(file)) throw new Error(`building the ccr binary failed (exit ${code}): ${out}${err}`);
    return file;
  })();
  return built;
}
