// Builds standalone ccr executables into dist/ (no Bun or Node needed where they run).
// `bun run build` builds for this machine; `bun run build --all` (or target names) builds release targets.
// Cross targets need the Bun runtime of that platform: it comes from the npm package @oven/bun-<os>-<arch>,
// the same package `npm install bun` uses, fetched with `npm pack` and cached under node_modules/.cache.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

interface Target {
  name: string;
  bun: Bun.Build.CompileTarget;
  npmPackage: string;
  exe: string;
}

const TARGETS: readonly Target[] = [
  { name: "linux-x64", bun: "bun-linux-x64", npmPackage: "@oven/bun-linux-x64", exe: "" },
  { name: "linux-arm64", bun: "bun-linux-arm64", npmPackage: "@oven/bun-linux-aarch64", exe: "" },
  { name: "darwin-x64", bun: "bun-darwin-x64", npmPackage: "@oven/bun-darwin-x64", exe: "" },
  { name: "darwin-arm64", bun: "bun-darwin-arm64", npmPackage: "@oven/bun-darwin-aarch64", exe: "" },
  { name: "windows-x64", bun: "bun-windows-x64", npmPackage: "@oven/bun-windows-x64", exe: ".exe" },
];

const root = resolve(import.meta.dir, "..");
const cacheDir = join(root, "node_modules", ".cache", "ccr-build");

type Outcome = { target: Target; ok: true; file: string; bytes: number } | { target: Target; ok: false; reason: string };

function hostName(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  return `${os}-${process.arch}`;
}

/** Runs a tool to completion; a missing executable is a failed run, not a crash. */
function run(cmd: string[], cwd = root): { ok: boolean; out: string; err: string } {
  try {
    const proc = Bun.spawnSync(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
    return { ok: proc.exitCode === 0, out: proc.stdout.toString().trim(), err: proc.stderr.toString().trim() };
  } catch (err) {
    return { ok: false, out: "", err: err instanceof Error ? err.message : String(err) };
  }
}

function gitCommit(): string | undefined {
  const git = run(["git", "rev-parse", "--short", "HEAD"]);
  return git.ok && /^[0-9a-f]+$/.test(git.out) ? git.out : undefined;
}

/** The Bun runtime to embed for a cross target, from the npm registry (cached); undefined for the host itself. */
function runtimeFor(target: Target): string | undefined {
  if (target.name === hostName()) return undefined;
  const dir = join(cacheDir, `${target.npmPackage.replace("/", "-")}-${Bun.version}`);
  const binary = join(dir, "package", "bin", `bun${target.exe}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const spec = `${target.npmPackage}@${Bun.version}`;
  const pack = run(["npm", "pack", spec, "--loglevel=error", "--pack-destination", dir]);
  const tarball = pack.out.split("\n").pop() ?? "";
  if (!pack.ok || tarball === "") throw new Error(`could not fetch the Bun runtime (npm pack ${spec}): ${npmError(pack.err)}`);
  const untar = run(["tar", "-xzf", join(dir, tarball), "-C", dir]);
  if (!untar.ok) throw new Error(`unpacking ${tarball} failed: ${lastLine(untar.err)}`);
  rmSync(join(dir, tarball));
  if (!existsSync(binary)) throw new Error(`${spec} has no bin/bun${target.exe}`);
  return binary;
}

/** The line of npm's error output that says what went wrong (404, ENOTFOUND, ...). */
function npmError(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.startsWith("npm error") && !l.startsWith("npm error code"));
  return (lines[0] ?? lastLine(stderr)).replace(/^npm error\s*/, "") || "no tarball";
}

function lastLine(text: string): string {
  return text.split("\n").filter((l) => l.trim() !== "").pop() ?? "";
}

/** Bun.build throws an AggregateError whose own message is only "Bundle failed"; the details are in `errors`. */
function describeFailure(err: unknown): string {
  if (err instanceof AggregateError) return err.errors.map((e) => String(e)).join("; ");
  return err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
}

async function buildOne(target: Target, commit: string | undefined): Promise<Outcome> {
  const file = join("dist", `ccr-${target.name}${target.exe}`);
  try {
    const executablePath = runtimeFor(target);
    const result = await Bun.build({
      entrypoints: [join(root, "src", "main.ts")],
      minify: true,
      // Precompiled bytecode: `ccr --version` starts in ~20 ms instead of ~70 ms (the bundle need not be parsed).
      bytecode: true,
      format: "esm",
      define: commit === undefined ? {} : { CCR_COMMIT: JSON.stringify(commit) },
      compile: {
        target: target.bun,
        outfile: join(root, file),
        ...(executablePath === undefined ? {} : { executablePath }),
        // A user's .env or bunfig.toml in the directory ccr runs from must not change ccr.
        autoloadDotenv: false,
        autoloadBunfig: false,
      },
    });
    if (!result.success) return { target, ok: false, reason: result.logs.map(String).join("; ") };
    return { target, ok: true, file, bytes: statSync(join(root, file)).size };
  } catch (err) {
    return { target, ok: false, reason: describeFailure(err) };
  }
}

function selectTargets(args: readonly string[]): Target[] {
  if (args.includes("--all")) return [...TARGETS];
  const named = args.filter((a) => !a.startsWith("-"));
  const unknown = args.filter((a) => a.startsWith("-") || !TARGETS.some((t) => t.name === a));
  if (unknown.length > 0) {
    const names = TARGETS.map((t) => t.name).join(", ");
    throw new Error(`unknown argument ${unknown.join(" ")}; use --all or target names (${names})`);
  }
  const wanted = named.length > 0 ? named : [hostName()];
  const picked = TARGETS.filter((t) => wanted.includes(t.name));
  if (picked.length === 0) throw new Error(`no release target for this machine (${hostName()})`);
  return picked;
}

async function main(args: readonly string[]): Promise<number> {
  let targets: Target[];
  try {
    targets = selectTargets(args);
  } catch (err) {
    console.error(`build: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const commit = gitCommit();
  console.log(`building ccr${commit === undefined ? "" : ` (${commit})`} with Bun ${Bun.version} for ${targets.map((t) => t.name).join(", ")}`);
  const outcomes: Outcome[] = [];
  for (const target of targets) {
    const outcome = await buildOne(target, commit);
    outcomes.push(outcome);
    if (outcome.ok) console.log(`  ok      ${target.name.padEnd(13)} ${outcome.file}  ${(outcome.bytes / 1048576).toFixed(1)} MiB`);
    else console.log(`  FAILED  ${target.name.padEnd(13)} ${outcome.reason}`);
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed > 0) console.log(`${failed} of ${outcomes.length} targets failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
