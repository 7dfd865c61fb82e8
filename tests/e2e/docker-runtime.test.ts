// The Dockerfile's runtime stage without Docker: its ENV, USER, WORKDIR, ENTRYPOINT, CMD and HEALTHCHECK, read from the
// Dockerfile itself, run the compiled binary in a rootfs holding only that binary, /bin/sh and the libraries `ldd` lists,
// under chroot in a private mount namespace (/proc, /dev and the mounted /config as Docker provides them).
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_PORT } from "../../src/config/compile.ts";
import { freePort } from "../helpers/ccr-server.ts";
import { compiledBinary } from "../helpers/compiled-binary.ts";
import { chatCompletion } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const DOCKERFILE = resolve(import.meta.dir, "../../Dockerfile");
const DOCKER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const TOOLS = { unshare: Bun.which("unshare"), mount: Bun.which("mount"), chroot: Bun.which("chroot"), ldd: Bun.which("ldd") };

interface RuntimeStage {
  env: Record<string, string>;
  user: string;
  workdir: string;
  binaryPath: string;
  command: string[];
  healthcheck: string;
  expose: string;
}

/** The last stage of the Dockerfile, with continuation lines joined. */
function runtimeStage(text: string): RuntimeStage {
  const lines = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const stage = lines.slice(lines.map((l) => l.startsWith("FROM ")).lastIndexOf(true) + 1);
  const arg = (keyword: string) => stage.filter((l) => l.startsWith(`${keyword} `)).map((l) => l.slice(keyword.length + 1).trim()).pop() ?? "";
  const env: Record<string, string> = {};
  for (const line of stage.filter((l) => l.startsWith("ENV "))) {
    for (const [, key, value] of line.slice(4).matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[key ?? ""] = (value ?? "").replace(/^"|"$/g, "");
  }
  const copy = arg("COPY").split(/\s+/);
  const json = (text: string): string[] => (text === "" ? [] : execForm(JSON.parse(text)));
  return {
    env,
    user: arg("USER"),
    workdir: arg("WORKDIR") || "/",
    binaryPath: copy[copy.length - 1] ?? "",
    command: [...json(arg("ENTRYPOINT")), ...json(arg("CMD"))],
    healthcheck: arg("HEALTHCHECK").replace(/^.*?\bCMD\s+/, ""),
    expose: arg("EXPOSE"),
  };
}

/** JSON.parse result checked to be the exec form (a list of strings). */
function execForm(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new Error(`not an exec-form list: ${JSON.stringify(value)}`);
  return value;
}

const stage = runtimeStage(readFileSync(DOCKERFILE, "utf8"));
let rootfs = "";
let work = "";
let upstream: OpenAiUpstream | undefined;
const children: Bun.Subprocess[] = [];

/** Copies a host file (and the libraries it links) to the same path in the rootfs. */
function addWithLibraries(hostFile: string, at: string): void {
  mkdirSync(dirname(join(rootfs, at)), { recursive: true });
  copyFileSync(realpathSync(hostFile), join(rootfs, at));
  chmodSync(join(rootfs, at), 0o755);
  const ldd = Bun.spawnSync([TOOLS.ldd ?? "ldd", hostFile], { stdout: "pipe" }).stdout.toString();
  for (const [lib] of ldd.matchAll(/\/\S+/g)) {
    mkdirSync(dirname(join(rootfs, lib)), { recursive: true });
    copyFileSync(realpathSync(lib), join(rootfs, lib));
  }
}

/** Why this machine cannot run the rootfs, or undefined when it can. */
function unsupported(): string | undefined {
  if (process.platform !== "linux") return "the runtime image is Linux";
  const missing = Object.entries(TOOLS).filter(([, path]) => path === null).map(([name]) => name);
  if (missing.length > 0) return `missing ${missing.join(", ")}`;
  const dir = mkdtempSync(join(tmpdir(), "ccr-docker-probe-"));
  const probe = Bun.spawnSync([TOOLS.unshare ?? "", "--mount", TOOLS.mount ?? "", "-t", "proc", "proc", dir], { stderr: "pipe" });
  rmSync(dir, { recursive: true, force: true });
  return probe.exitCode === 0 ? undefined : `no private mount namespace here (unshare --mount: ${probe.stderr.toString().trim()}); run as root`;
}

const skipReason = unsupported();
if (skipReason !== undefined) process.stderr.write(`docker-runtime tests skipped: ${skipReason}\n`);

/** Runs a command in the container as `docker run -v <configDir>:/config -e ...` would (its last process is the command). */
function inContainer(configDir: string, runEnv: Record<string, string>, argv: string[]): Bun.Subprocess<"ignore", "pipe", "pipe"> {
  const [uid = "0", gid = uid] = stage.user.split(":");
  const script = [
    `${TOOLS.mount} -t proc proc "$R/proc"`,
    `${TOOLS.mount} --rbind /dev "$R/dev"`,
    `${TOOLS.mount} --bind "$CONFIG" "$R/config"`,
    `exec ${TOOLS.chroot} --userspec=${uid}:${gid} "$R" /bin/sh -c 'cd "$0" && exec "$@"' "$WORKDIR" "$@"`,
  ].join(" && ");
  const env = { PATH: DOCKER_PATH, HOSTNAME: "ccr-test", ...stage.env, ...runEnv, R: rootfs, CONFIG: configDir, WORKDIR: stage.workdir };
  const child = Bun.spawn([TOOLS.unshare ?? "", "--mount", "/bin/sh", "-c", script, "sh", ...argv], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  children.push(child);
  return child;
}

function configDir(document: object | undefined): string {
  const dir = mkdtempSync(join(work, "config-"));
  if (document !== undefined) writeFileSync(join(dir, "config.json"), JSON.stringify(document));
  const [uid = "0", gid = uid] = stage.user.split(":");
  chownSync(dir, Number(uid), Number(gid));
  return dir;
}

async function waitForHealth(url: string, child: Bun.Subprocess<"ignore", "pipe", "pipe">): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/health`).catch(() => undefined))?.ok) return;
    if (child.exitCode !== null) break;
    await Bun.sleep(100);
  }
  throw new Error(`no /health at ${url}: ${await new Response(child.stderr).text()}`);
}

beforeAll(async () => {
  if (skipReason !== undefined) return;
  work = mkdtempSync(join(tmpdir(), "ccr-docker-"));
  rootfs = join(work, "rootfs");
  for (const dir of ["proc", "dev", "tmp", "config", "etc"]) mkdirSync(join(rootfs, dir), { recursive: true });
  chmodSync(rootfs, 0o755);
  chmodSync(join(rootfs, "tmp"), 0o1777);
  addWithLibraries(await compiledBinary(), stage.binaryPath);
  addWithLibraries("/bin/sh", "/bin/sh");
  const [uid = "0", gid = uid] = stage.user.split(":");
  writeFileSync(join(rootfs, "etc", "passwd"), `root:x:0:0:root:/root:/bin/sh\nccr:x:${uid}:${gid}::/config:/usr/sbin/nologin\n`);
  writeFileSync(join(rootfs, "etc", "group"), `root:x:0:\nccr:x:${gid}:\n`);
}, 120_000);

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await upstream?.stop();
  upstream = undefined;
});

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

describe("the Dockerfile's build stage", () => {
  test("builds with the Bun version CI and the release workflow use", () => {
    const ciBun = /^BUN_VERSION="([^"]+)"/m.exec(readFileSync(resolve(import.meta.dir, "../../.ci/run"), "utf8"))?.[1];
    const text = readFileSync(DOCKERFILE, "utf8");
    expect(/^ARG BUN_VERSION=(\S+)$/m.exec(text)?.[1]).toBe(ciBun ?? "missing in .ci/run");
    expect(text).toContain("FROM oven/bun:${BUN_VERSION} AS build");
  });
});

describe("docker-compose.yml", () => {
  test("publishes the image's port and requires the APIKEY that listening on 0.0.0.0 needs", () => {
    // Bun.YAML returns unknown-shaped data; the two fields read here are asserted.
    const compose = Bun.YAML.parse(readFileSync(resolve(import.meta.dir, "../../docker-compose.yml"), "utf8")) as {
      services: { ccr: { ports: string[]; environment: Record<string, string> } };
    };
    expect(compose.services.ccr.ports).toEqual([`127.0.0.1:${stage.expose}:${stage.expose}`]);
    expect(compose.services.ccr.environment.CCR_APIKEY).toStartWith("${CCR_APIKEY:?");
  });
});

describe.skipIf(skipReason !== undefined)("the Docker image's runtime stage", () => {
  test("runs as a non-root user, serves ccr by default and exposes the default port", () => {
    expect(stage.user).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(stage.command).toEqual(["ccr", "serve", "--host", "0.0.0.0"]);
    expect(stage.env.CCR_HOME).toBe("/config");
    expect(stage.expose).toBe(String(DEFAULT_PORT));
  });

  test("serves a mounted /config on all interfaces, answers through the upstream, passes its HEALTHCHECK and stops on SIGTERM", async () => {
    upstream = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "from the container" }) }));
    const config = configDir({
      APIKEY: "docker-client-key",
      Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-upstream", models: ["gpt-test"] }],
      Router: { default: "mock,gpt-test" },
    });
    const port = freePort();
    const child = inContainer(config, { SERVICE_PORT: String(port) }, stage.command);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    expect(status).toMatch(new RegExp(`^Uid:\\s+${stage.user.split(":")[0]}\\s`, "m"));
    const headers = { "x-api-key": "docker-client-key", "content-type": "application/json", "anthropic-version": "2023-06-01" };
    const body = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 32, messages: [{ role: "user", content: "hi" }] });
    const res = await fetch(`${url}/v1/messages`, { method: "POST", headers, body });
    expect(await res.text()).toContain("from the container");
    // So are the tokenizer's tables (count_tokens loads them on first use).
    const counted = await fetch(`${url}/v1/messages/count_tokens`, { method: "POST", headers, body });
    expect(await counted.json()).toEqual({ input_tokens: expect.any(Number) });
    // The web UI is embedded in the binary: nothing under /ui is read from disk.
    const ui = await fetch(`${url}/ui/app.js`, { headers: { "x-api-key": "docker-client-key" } });
    expect(ui.status).toBe(200);
    const health = inContainer(config, { SERVICE_PORT: String(port) }, ["/bin/sh", "-c", stage.healthcheck]);
    expect(await health.exited).toBe(0);
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    const out = await new Response(child.stdout).text();
    expect(out).toContain(`http://0.0.0.0:${port}`);
    const after = inContainer(config, { SERVICE_PORT: String(port) }, ["/bin/sh", "-c", stage.healthcheck]);
    expect(await after.exited).toBe(1);
  }, 120_000);

  test("takes its whole config from environment variables when /config is empty", async () => {
    upstream = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "configured by env" }) }));
    const port = freePort();
    const env = { SERVICE_PORT: String(port), CCR_APIKEY: "env-client-key", CCR_BASE_URL: upstream.chatUrl, CCR_MODEL: "gpt-test", CCR_API_KEY: "sk-env" };
    const child = inContainer(configDir(undefined), env, stage.command);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);
    const headers = { "x-api-key": "env-client-key", "content-type": "application/json", "anthropic-version": "2023-06-01" };
    const body = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 32, messages: [{ role: "user", content: "hi" }] });
    expect(await (await fetch(`${url}/v1/messages`, { method: "POST", headers, body })).text()).toContain("configured by env");
    expect(upstream.requests[0]?.headers.authorization).toBe("Bearer sk-env");
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    expect(await new Response(child.stdout).text()).toContain(`http://0.0.0.0:${port}`);
  }, 60_000);

  // The image has no ca-certificates: Bun carries Mozilla's roots. A private CA comes in with NODE_EXTRA_CA_CERTS.
  test.skipIf(Bun.which("openssl") === null)("reaches an HTTPS upstream signed by a private CA given in NODE_EXTRA_CA_CERTS", async () => {
    const config = configDir(undefined);
    const made = Bun.spawnSync(
      ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(work, "ca-key.pem"), "-out", join(config, "ca.pem")],
      { stdout: "ignore", stderr: "pipe" },
    );
    expect(made.exitCode).toBe(0);
    const tls = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      tls: { cert: readFileSync(join(config, "ca.pem"), "utf8"), key: readFileSync(join(work, "ca-key.pem"), "utf8") },
      fetch: () => Response.json(chatCompletion({ content: "over a private CA" })),
    });
    try {
      const ask = async (extra: Record<string, string>): Promise<string> => {
        const port = freePort();
        const env = { SERVICE_PORT: String(port), CCR_BASE_URL: `https://127.0.0.1:${tls.port}/v1/chat/completions`, CCR_MODEL: "m", ...extra };
        const child = inContainer(config, env, stage.command);
        await waitForHealth(`http://127.0.0.1:${port}`, child);
        const body = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 32, messages: [{ role: "user", content: "hi" }] });
        const res = await fetch(`http://127.0.0.1:${port}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
        child.kill("SIGTERM");
        await child.exited;
        return res.text();
      };
      expect(await ask({})).toContain("(DEPTH_ZERO_SELF_SIGNED_CERT)");
      expect(await ask({ NODE_EXTRA_CA_CERTS: "/config/ca.pem" })).toContain("over a private CA");
    } finally {
      tls.stop(true);
    }
  }, 60_000);

  test("stays on the container's loopback and says why when no APIKEY is set", async () => {
    const port = freePort();
    const child = inContainer(configDir({ Providers: [], Router: {} }), { SERVICE_PORT: String(port) }, stage.command);
    await waitForHealth(`http://127.0.0.1:${port}`, child);
    child.kill("SIGTERM");
    await child.exited;
    expect(await new Response(child.stdout).text()).toContain("no APIKEY set, so bound to 127.0.0.1 instead of 0.0.0.0");
  }, 60_000);
});
