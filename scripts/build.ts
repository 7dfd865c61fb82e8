// Builds standalone ccr executables into dist/ (no Bun or Node needed where they run).
// `bun run build` builds for this machine; `bun run build --all` (or target names) builds release targets.
// Cross targets need the Bun runtime of that platform: it comes from the npm package @oven/bun-<os>-<arch>,
// the same package `npm install bun` uses, fetched with `npm pack` and cached under node_modules/.cache.
// Each binary gets a `<file>.sha256` (sha256sum format) and dist/manifest.json lists what was built.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { bundleUi } from "../src/ui/bundle.ts";

interface Target {
  name: string;
  bun: Bun.Build.CompileTarget;
  npmPackage: string;
  exe: string;
}

const TARGETS: readonly Target[] = [
  { name: "linux-x64", bun: "bun-linux-x64", npmPackage: "@oven/bun-linux-x64", exe: "" },
  { name: "linux-arm64", bun: "bun-linux-arm64", npmPackage: "@oven/bun-linux-aarch64", exe: "" },
  // Alpine and other musl systems, where the glibc build cannot start.
  { name: "linux-x64-musl", bun: "bun-linux-x64-musl", npmPackage: "@oven/bun-linux-x64-musl", exe: "" },
  { name: "darwin-x64", bun: "bun-darwin-x64", npmPackage: "@oven/bun-darwin-x64", exe: "" },
  { name: "darwin-arm64", bun: "bun-darwin-arm64", npmPackage: "@oven/bun-darwin-aarch64", exe: "" },
  { name: "windows-x64", bun: "bun-windows-x64", npmPackage: "@oven/bun-windows-x64", exe: ".exe" },
];

const root = resolve(import.meta.dir, "..");
/** What ccr adds to the Bun runtime (bundle + bytecode, ~11 MiB, much of it gpt-tokenizer's table); a build over it fails. */
const APP_BUDGET_MIB = 20;
const MIB = 1048576;
const cacheDir = join(root, "node_modules", ".cache", "ccr-build");

type Built = { target: Target; ok: true; file: string; bytes: number; appBytes: number; sha256: string };
type Outcome = Built | { target: Target; ok: false; reason: string };

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

/** The short commit: git's, else `CCR_COMMIT` from the environment (a Docker build has no .git). */
function gitCommit(): string | undefined {
  const git = run(["git", "rev-parse", "--short", "HEAD"]);
  if (git.ok && /^[0-9a-f]+$/.test(git.out)) return git.out;
  const given = (process.env.CCR_COMMIT ?? "").trim().slice(0, 7);
  return /^[0-9a-f]{7}$/.test(given) ? given : undefined;
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

/** Values baked into the bundle: the commit, and the web UI's script and stylesheet (so /ui needs no files). */
type Defines = Record<string, string>;

async function buildOne(target: Target, define: Defines): Promise<Outcome> {
  const file = join("dist", `ccr-${target.name}${target.exe}`);
  try {
    const executablePath = runtimeFor(target);
    const result = await Bun.build({
      entrypoints: [join(root, "src", "main.ts")],
      minify: true,
      // Precompiled bytecode: `ccr --version` starts in ~20 ms instead of ~70 ms (the bundle need not be parsed).
      bytecode: true,
      format: "esm",
      define,
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
    const bytes = statSync(join(root, file)).size;
    const appBytes = bytes - statSync(executablePath ?? process.execPath).size;
    if (appBytes > APP_BUDGET_MIB * MIB) {
      return { target, ok: false, reason: `${file} carries ${(appBytes / MIB).toFixed(1)} MiB over the runtime (budget ${APP_BUDGET_MIB} MiB)` };
    }
    const sha256 = new Bun.CryptoHasher("sha256").update(readFileSync(join(root, file))).digest("hex");
    // sha256sum's format, so `sha256sum -c ccr-linux-x64.sha256` works next to the binary.
    writeFileSync(join(root, `${file}.sha256`), `${sha256}  ${basename(file)}\n`);
    return { target, ok: true, file, bytes, appBytes, sha256 };
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

/** dist/manifest.json: what this run built, for the release page and install scripts. */
function writeManifest(commit: string | undefined, built: readonly Built[]): void {
  const version: unknown = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const targets = built.map((b) => ({ target: b.target.name, file: basename(b.file), size: b.bytes, sha256: b.sha256 }));
  const manifest = { version, commit: commit ?? null, bun: Bun.version, targets };
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "dist", "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
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
  let define: Defines;
  try {
    define = { CCR_UI_ASSETS: JSON.stringify(await bundleUi()), ...(commit === undefined ? {} : { CCR_COMMIT: JSON.stringify(commit) }) };
  } catch (err) {
    console.error(`build: ${describeFailure(err)}`);
    return 1;
  }
  console.log(`building ccr${commit === undefined ? "" : ` (${commit})`} with Bun ${Bun.version} for ${targets.map((t) => t.name).join(", ")}`);
  const outcomes: Outcome[] = [];
  for (const target of targets) {
    const outcome = await buildOne(target, define);
    outcomes.push(outcome);
    const mib = (n: number) => `${(n / MIB).toFixed(1)} MiB`;
    if (outcome.ok) console.log(`  ok      ${target.name.padEnd(14)} ${outcome.file.padEnd(27)} ${mib(outcome.bytes)} (ccr ${mib(outcome.appBytes)})`);
    else console.log(`  FAILED  ${target.name.padEnd(14)} ${outcome.reason}`);
  }
  writeManifest(commit, outcomes.filter((o): o is Built => o.ok));
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed > 0) console.log(`${failed} of ${outcomes.length} targets failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
