import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compiledBinary } from "../helpers/compiled-binary.ts";

const ROOT = resolve(import.meta.dir, "../..");
const INSTALL_SH = join(ROOT, "scripts/install.sh");
const HOST_OS = process.platform === "darwin" ? "darwin" : "linux";
const HOST_FILE = `ccr-${HOST_OS}-${process.arch === "arm64" ? "arm64" : "x64"}`;
/** The tools install.sh may use; shim dirs link only these (plus the one under test). */
const BASE_TOOLS = ["uname", "mkdir", "chmod", "mv", "rm", "sha256sum", "shasum", "ldd", "sysctl"];

let releases = "";
let server: ReturnType<typeof Bun.serve>;
let requests: string[] = [];
let latestTag: string | undefined;
let work = "";

function sha256(data: string | Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(data).digest("hex");
}

/** Puts a release file (and its .sha256) where GitHub serves it, download/v<version>/; `latest` makes
 * latest/download/ redirect there, as GitHub does. */
function publish(version: string, file: string, body: string | Uint8Array, opts: { latest?: boolean; checksum?: string } = {}): void {
  const dir = join(releases, "download", `v${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), body);
  writeFileSync(join(dir, `${file}.sha256`), `${opts.checksum ?? sha256(body)}  ${file}\n`);
  if (opts.latest) latestTag = `v${version}`;
}

/** A stand-in binary: a shell script that answers `--version` like ccr. */
function fakeCcr(version: string): string {
  return `#!/bin/sh\necho "ccr ${version} (fake)"\n`;
}

/** A bin dir holding links to only the given system tools, plus fake tools written as scripts. */
function shimPath(tools: readonly string[], fakes: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(work, "bin-"));
  for (const tool of tools) {
    const real = Bun.which(tool, { PATH: "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" });
    if (real !== null && fakes[tool] === undefined) symlinkSync(real, join(dir, tool));
  }
  for (const [name, script] of Object.entries(fakes)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function install(env: Record<string, string>, args: string[] = [], shell: string[] = ["/bin/sh"]): Promise<Run> {
  const proc = Bun.spawn([...shell, INSTALL_SH, ...args], {
    env: { HOME: join(work, "home"), PATH: shimPath([...BASE_TOOLS, "curl"]), CCR_INSTALL_BASE: `${server.url.origin}/releases`, ...env },
    cwd: work,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

async function versionOf(binary: string): Promise<string> {
  const proc = Bun.spawn([binary, "--version"], { env: {}, stdout: "pipe", stderr: "pipe" });
  return (await new Response(proc.stdout).text()).trim();
}

const installed = () => join(work, "home", ".local", "bin", "ccr");

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = new URL(req.url).pathname;
      requests.push(path);
      const latest = /^\/releases\/latest\/download\/(.+)$/.exec(path);
      if (latest && latestTag) return Response.redirect(`/releases/download/${latestTag}/${latest[1]}`, 302);
      const file = join(releases, path.replace(/^\/releases\//, ""));
      return path.startsWith("/releases/") && existsSync(file) ? new Response(Bun.file(file)) : new Response("Not Found", { status: 404 });
    },
  });
});

afterAll(() => {
  server.stop(true);
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "ccr-install-"));
  releases = join(work, "releases");
  requests = [];
  latestTag = undefined;
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

const ldd = (says: string) => `echo "${says}"`;
const linuxX64 = 'case "$1" in -s) echo Linux ;; *) echo x86_64 ;; esac';
const isRoot = process.getuid?.() === 0;
const SETPRIV = Bun.which("setpriv");
const BUSYBOX = Bun.which("busybox");

describe("install.sh", () => {
  test("is POSIX sh: it parses under sh and dash and passes shellcheck when installed", () => {
    for (const shell of ["sh", "dash"]) {
      if (Bun.which(shell) === null) continue;
      const check = Bun.spawnSync([shell, "-n", INSTALL_SH], { stderr: "pipe" });
      expect(`${shell}: ${check.stderr.toString()}`).toBe(`${shell}: `);
    }
    if (Bun.which("shellcheck") !== null) {
      const lint = Bun.spawnSync(["shellcheck", "-s", "sh", INSTALL_SH], { stdout: "pipe" });
      expect(lint.stdout.toString()).toBe("");
    }
  });

  test("the README and the CI example download from the GitHub owner install.sh names", () => {
    const owner = /^CCR_GITHUB_OWNER="([^"]+)"$/m.exec(readFileSync(INSTALL_SH, "utf8"))?.[1];
    expect(owner).toBeDefined();
    for (const doc of ["README.md", "examples/github-actions/claude-code.yml"]) {
      const urls = readFileSync(join(ROOT, doc), "utf8").match(/https:\/\/github\.com\/[^/\s]+\/ccr\/releases\S*/g) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toStartWith(`https://github.com/${owner}/ccr/releases/latest/download/install.sh`);
    }
  });

  test("installs the latest release into ~/.local/bin and says how to put it on PATH", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"), { latest: true });
    const run = await install({});
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(requests).toEqual([
      `/releases/latest/download/${HOST_FILE}`,
      `/releases/download/v0.1.0/${HOST_FILE}`,
      `/releases/latest/download/${HOST_FILE}.sha256`,
      `/releases/download/v0.1.0/${HOST_FILE}.sha256`,
    ]);
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
    expect(run.stdout).toContain(`installed ${installed()}: ccr 0.1.0 (fake)`);
    expect(run.stdout).toContain(`${join(work, "home", ".local", "bin")} is not on your PATH`);
    // The download went to a temp file beside the target and was renamed: nothing else is left.
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual(["ccr"]);
  });

  test("upgrades in place to the version CCR_VERSION names, into CCR_INSTALL_DIR", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"));
    publish("0.2.0", HOST_FILE, fakeCcr("0.2.0"));
    const dir = join(work, "tools");
    expect((await install({ CCR_VERSION: "0.1.0", CCR_INSTALL_DIR: dir })).code).toBe(0);
    const run = await install({ CCR_VERSION: "v0.2.0", CCR_INSTALL_DIR: dir, PATH: `${shimPath([...BASE_TOOLS, "curl"])}:${dir}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`upgraded ${dir}/ccr: ccr 0.1.0 (fake) -> ccr 0.2.0 (fake)`);
    expect(run.stdout).not.toContain("not on your PATH");
    expect(await versionOf(join(dir, "ccr"))).toBe("ccr 0.2.0 (fake)");
    expect(requests).toContain(`/releases/download/v0.2.0/${HOST_FILE}`);
  });

  test("warns when another ccr (CCR v1's, say) comes first on PATH", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"), { latest: true });
    const first = shimPath([...BASE_TOOLS, "curl"], { ccr: 'echo "1.0.73"' });
    const run = await install({ PATH: `${first}:${join(work, "home", ".local", "bin")}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`note: ${first}/ccr comes first on your PATH, so \`ccr\` runs that one`);
  });

  test("refuses a download whose checksum does not match and keeps the installed binary", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"));
    publish("0.2.0", HOST_FILE, fakeCcr("0.2.0"), { checksum: "0".repeat(64) });
    expect((await install({ CCR_VERSION: "0.1.0" })).code).toBe(0);
    const run = await install({ CCR_VERSION: "0.2.0" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`ccr install: checksum mismatch for ${HOST_FILE}: expected ${"0".repeat(64)}, got ${sha256(fakeCcr("0.2.0"))}`);
    expect(run.stderr).toContain("nothing was installed");
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual(["ccr"]);
  });

  test("on a latest install, a mismatch also names the race with a release published mid-download", async () => {
    publish("0.2.0", HOST_FILE, fakeCcr("0.2.0"), { latest: true, checksum: sha256(fakeCcr("0.3.0")) });
    const run = await install({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("tampered with (or a release came out during the download: run the installer again); nothing was installed.");
    const pinned = await install({ CCR_VERSION: "0.2.0" });
    expect(pinned.stderr).toContain("tampered with; nothing was installed.");
  });

  test("names an unsupported CPU or operating system and installs nothing", async () => {
    const riscv = await install({ PATH: shimPath([...BASE_TOOLS, "curl"], { uname: 'case "$1" in -s) echo Linux ;; *) echo riscv64 ;; esac' }) });
    expect(riscv.code).toBe(1);
    expect(riscv.stderr).toBe("ccr install: unsupported CPU architecture: riscv64 on Linux (release builds exist for x64 and arm64)\n");
    const bsd = await install({ PATH: shimPath([...BASE_TOOLS, "curl"], { uname: 'case "$1" in -s) echo FreeBSD ;; *) echo amd64 ;; esac' }) });
    expect(bsd.stderr).toContain("unsupported operating system: FreeBSD");
    expect(requests).toEqual([]);
    expect(existsSync(installed())).toBe(false);
  });

  test("picks the musl build where ldd is musl's", async () => {
    publish("0.1.0", "ccr-linux-x64-musl", fakeCcr("0.1.0"), { latest: true });
    const fakes = { uname: 'case "$1" in -s) echo Linux ;; *) echo x86_64 ;; esac', ldd: 'echo "musl libc (x86_64)" >&2; exit 1' };
    const run = await install({ PATH: shimPath([...BASE_TOOLS, "curl"], fakes) });
    expect(run.stderr).toBe("");
    expect(requests[0]).toBe("/releases/latest/download/ccr-linux-x64-musl");
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
  });

  test("refuses a binary that does not start here, naming what the musl build needs, and installs nothing", async () => {
    publish("0.1.0", "ccr-linux-x64-musl", "#!/bin/sh\necho 'Error loading shared library libstdc++.so.6' >&2\nexit 127\n", { latest: true });
    const fakes = { uname: 'case "$1" in -s) echo Linux ;; *) echo x86_64 ;; esac', ldd: 'echo "musl libc (x86_64)" >&2; exit 1' };
    const run = await install({ PATH: shimPath([...BASE_TOOLS, "curl"], fakes) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "ccr install: the downloaded ccr-linux-x64-musl does not run on this machine (it needs libstdc++ and libgcc: apk add libstdc++ libgcc); nothing was installed\n",
    );
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual([]);
  });

  test.skipIf(Bun.which("wget") === null)("downloads with wget when curl is missing", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"), { latest: true });
    const path = shimPath([...BASE_TOOLS, "wget"]);
    expect(existsSync(join(path, "curl"))).toBe(false);
    const run = await install({ PATH: path });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
  });

  test("says so when neither curl nor wget is there", async () => {
    const run = await install({ PATH: shimPath(BASE_TOOLS) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("neither curl nor wget is installed");
  });

  test("--uninstall removes the binary and keeps the config", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"), { latest: true });
    expect((await install({})).code).toBe(0);
    const run = await install({}, ["--uninstall"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`removed ${installed()} (your config in ~/.claude-code-router was kept)`);
    expect(existsSync(installed())).toBe(false);
    expect((await install({}, ["--uninstall"])).stdout).toContain("ccr is not installed");
  });

  test("installs the real compiled binary, which then runs with an empty environment", async () => {
    const binary = await compiledBinary();
    const dir = join(releases, "latest", "download");
    mkdirSync(dir, { recursive: true });
    copyFileSync(binary, join(dir, HOST_FILE));
    writeFileSync(join(dir, `${HOST_FILE}.sha256`), `${sha256(await Bun.file(binary).bytes())}  ${HOST_FILE}\n`);
    const run = await install({});
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await versionOf(installed())).toMatch(/^ccr \d+\.\d+\.\d+/);
    expect(run.stdout).toContain(`installed ${installed()}: ccr `);
  }, 120_000);
  test("names the missing release and installs nothing when the version does not exist (HTTP 404)", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"));
    const run = await install({ CCR_VERSION: "v0.9.9" });
    expect(run.code).toBe(1);
    const url = `${server.url.origin}/releases/download/v0.9.9/${HOST_FILE}`;
    expect(run.stderr).toBe(
      `ccr install: ${url} is not there (HTTP 404): there is no release v0.9.9 with ${HOST_FILE} at ${server.url.origin}/releases (check CCR_VERSION); nothing was installed\n`,
    );
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual([]);
  });

  test.skipIf(Bun.which("wget") === null)("reads the HTTP status through wget's redirects too", async () => {
    const run = await install({ PATH: shimPath([...BASE_TOOLS, "wget"]) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`/releases/latest/download/${HOST_FILE} is not there (HTTP 404): no published release at`);
    latestTag = "v0.1.0";
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"));
    rmSync(join(releases, "download", "v0.1.0", `${HOST_FILE}.sha256`));
    const noChecksum = await install({ PATH: shimPath([...BASE_TOOLS, "wget"]) });
    expect(noChecksum.stderr).toContain(`${HOST_FILE}.sha256 is not there (HTTP 404): the release has no checksum file for ${HOST_FILE}; refusing`);
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual([]);
  });

  test("refuses a release that has no checksum file", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"), { latest: true });
    rmSync(join(releases, "download", "v0.1.0", `${HOST_FILE}.sha256`));
    const run = await install({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the release has no checksum file for");
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual([]);
  });

  test("stops on a download cut short, keeps the installed binary and leaves no partial file", async () => {
    publish("0.1.0", HOST_FILE, fakeCcr("0.1.0"));
    expect((await install({ CCR_VERSION: "0.1.0" })).code).toBe(0);
    // A server that promises 100000 bytes and hangs up after 7.
    const cut = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        data(socket) {
          socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\npartial");
          socket.end();
        },
      },
    });
    try {
      const run = await install({ CCR_VERSION: "0.2.0", CCR_INSTALL_BASE: `http://127.0.0.1:${cut.port}/releases` });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`ccr install: could not download http://127.0.0.1:${cut.port}/releases/download/v0.2.0/${HOST_FILE}`);
      expect(run.stderr).toContain("nothing was installed");
    } finally {
      cut.stop(true);
    }
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
    expect(readdirSync(join(work, "home", ".local", "bin"))).toEqual(["ccr"]);
  });

  test.skipIf(isRoot && SETPRIV === null)("says which directory it cannot write, before downloading anything", async () => {
    const locked = join(work, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(work, 0o755);
    // Root writes anywhere: run as nobody to see what a user sees.
    const shell = isRoot ? [SETPRIV ?? "", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh"] : ["/bin/sh"];
    const path = shimPath([...BASE_TOOLS, "curl"]);
    chmodSync(path, 0o755);
    const run = await install({ CCR_INSTALL_DIR: locked, PATH: path }, [], shell);
    expect(run.stderr).toBe(`ccr install: cannot write to ${locked}: set CCR_INSTALL_DIR to a directory you own (no root needed)\n`);
    expect(run.code).toBe(1);
    const nested = await install({ CCR_INSTALL_DIR: join(locked, "bin"), PATH: path }, [], shell);
    expect(nested.stderr).toBe(`ccr install: cannot create ${join(locked, "bin")}: set CCR_INSTALL_DIR to a directory you own (no root needed)\n`);
    expect(requests).toEqual([]);
  });

  test("points Git Bash and MSYS users at the Windows build and its checksum", async () => {
    const run = await install({ CCR_VERSION: "0.1.0", PATH: shimPath([...BASE_TOOLS, "curl"], { uname: 'case "$1" in -s) echo MINGW64_NT-10.0-19045 ;; *) echo x86_64 ;; esac' }) });
    expect(run.code).toBe(1);
    const exe = `${server.url.origin}/releases/download/v0.1.0/ccr-windows-x64.exe`;
    expect(run.stderr).toBe(`ccr install: this script does not install on Windows (MINGW64_NT-10.0-19045): download ${exe} and check it against ${exe}.sha256\n`);
    expect(requests).toEqual([]);
  });

  // Debian's and Ubuntu's musl package adds /lib/ld-musl-x86_64.so.1 (.ci/run installs it), yet programs there use glibc.
  test("picks the glibc build where ldd is glibc's, whatever musl loader is installed", async () => {
    publish("0.1.0", "ccr-linux-x64", fakeCcr("0.1.0"), { latest: true });
    const fakes = { uname: linuxX64, ldd: ldd("ldd (Debian GLIBC 2.36-9+deb12u14) 2.36") };
    const run = await install({ PATH: shimPath([...BASE_TOOLS, "curl"], fakes) });
    expect(run.stderr).toBe("");
    expect(requests[0]).toBe("/releases/latest/download/ccr-linux-x64");
  });

  test.skipIf(BUSYBOX === null)("runs under BusyBox sh with only BusyBox's wget, sha256sum and core tools", async () => {
    publish("0.1.0", "ccr-linux-x64", fakeCcr("0.1.0"), { latest: true });
    const bin = mkdtempSync(join(work, "busybox-"));
    for (const tool of ["mkdir", "chmod", "mv", "rm", "sha256sum", "wget", "sh"]) symlinkSync(BUSYBOX ?? "", join(bin, tool));
    // BusyBox has no ldd; a glibc host answers for it (without one, a musl loader on disk means musl).
    writeFileSync(join(bin, "ldd"), `#!${BUSYBOX} sh\necho "ldd (GNU libc) 2.36"\n`);
    writeFileSync(join(bin, "uname"), `#!${BUSYBOX} sh\n${linuxX64}\n`);
    chmodSync(join(bin, "ldd"), 0o755);
    chmodSync(join(bin, "uname"), 0o755);
    const run = await install({ PATH: bin }, [], [BUSYBOX ?? "", "sh"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
    const missing = await install({ PATH: bin, CCR_VERSION: "0.3.0" }, [], [BUSYBOX ?? "", "sh"]);
    expect(missing.stderr).toContain("/releases/download/v0.3.0/ccr-linux-x64 is not there (HTTP 404): there is no release v0.3.0");
    expect(await versionOf(installed())).toBe("ccr 0.1.0 (fake)");
  });
});
