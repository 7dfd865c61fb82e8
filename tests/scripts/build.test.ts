import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { compiledBinary } from "../helpers/compiled-binary.ts";

const ROOT = resolve(import.meta.dir, "../..");
const BUILD = join(ROOT, "scripts/build.ts");

function runBuild(args: string[]): { code: number | null; out: string } {
  const proc = Bun.spawnSync([process.execPath, BUILD, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  return { code: proc.exitCode, out: `${proc.stdout.toString()}${proc.stderr.toString()}` };
}

describe("scripts/build.ts", () => {
  test("refuses an unknown target with exit 2 and lists the targets", () => {
    const run = runBuild(["linux-sparc"]);
    expect(run.code).toBe(2);
    expect(run.out).toContain("unknown argument linux-sparc; use --all or target names (linux-x64, linux-arm64, linux-x64-musl,");
  });

  // A cross target, so the host binary other tests run is left alone; its runtime comes from npm (cached after once).
  test("cross-builds the musl target with a sha256sum-format checksum and a manifest entry", () => {
    const run = runBuild(["linux-x64-musl"]);
    expect(run.out).toContain("ok      linux-x64-musl");
    expect(run.code).toBe(0);
    const file = join(ROOT, "dist/ccr-linux-x64-musl");
    const bytes = readFileSync(file);
    const sha256 = new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
    expect(readFileSync(`${file}.sha256`, "utf8")).toBe(`${sha256}  ccr-linux-x64-musl\n`);
    // The ELF program interpreter is musl's loader, so the file runs on Alpine.
    expect(bytes.subarray(0, 4096).toString("latin1")).toContain("/lib/ld-musl-x86_64.so.1");
    const manifest: unknown = JSON.parse(readFileSync(join(ROOT, "dist/manifest.json"), "utf8"));
    const version: unknown = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    const git = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const commit = git.exitCode === 0 ? git.stdout.toString().trim() : null;
    expect(manifest).toEqual({
      version,
      commit,
      bun: Bun.version,
      targets: [{ target: "linux-x64-musl", file: "ccr-linux-x64-musl", size: bytes.length, sha256 }],
    });
  }, 180_000);
  // The README's size table is what users read before downloading; a Bun upgrade or a new dependency must update it.
  test("the README's size for this machine's build matches the binary within 1 MiB", async () => {
    const binary = await compiledBinary();
    const row = readFileSync(join(ROOT, "README.md"), "utf8")
      .split("\n")
      .find((line) => line.includes(`| \`${basename(binary)}\` |`));
    const documented = Number(/\| ([\d.]+) MiB \|/.exec(row ?? "")?.[1]);
    const actual = Bun.file(binary).size / 1048576;
    expect(documented).toBeGreaterThan(actual - 1);
    expect(documented).toBeLessThan(actual + 1);
  }, 120_000);
});
