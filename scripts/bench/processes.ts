// Starts and stops the processes under test: the mock upstream, ccr (`ccr serve`) and CCR 1.0.73 (`ccr start`,
// which runs in the foreground), each with its own config directory and log files.
import type { Subprocess } from "bun";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** A server running as a child process. */
export interface ServerProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const REPO = join(import.meta.dir, "../..");
export const CCR_V1_VERSION = "1.0.73";

/** A port nobody listens on right now (the OS picks it; the tiny race before reuse is harmless on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/proxy/i.test(key)) env[key] = value;
  return { ...env, NO_PROXY: "127.0.0.1,localhost", ...extra };
}

function wrap(name: string, url: string, proc: Subprocess): ServerProcess {
  return {
    name,
    url,
    pid: proc.pid,
    stop: async () => {
      proc.kill("SIGTERM");
      const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(3000).then(() => false)]);
      if (!exited) proc.kill("SIGKILL");
    },
  };
}

/** Polls `GET <url>/health` until the server answers, the process dies, or the time runs out. */
async function waitUntilUp(name: string, url: string, proc: Subprocess, logFile: string, timeoutMs = 20000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode} before listening; see ${logFile}`);
    // Connection refused while the server boots is expected: it just means "not yet".
    const answered = await fetch(`${url}/health`).then((res) => res.arrayBuffer().then(() => true), () => false);
    if (answered) return;
    await Bun.sleep(50);
  }
  proc.kill("SIGKILL");
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms; see ${logFile}`);
}

/** The mock upstream in its own process; resolves once it printed its port. */
export async function startMock(dir: string): Promise<ServerProcess> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "mock-upstream.ts")], {
    stdout: "pipe",
    stderr: Bun.file(join(dir, "mock.log")),
    env: childEnv({}),
  });
  const reader = proc.stdout.getReader();
  let text = "";
  while (!/port \d+\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`mock upstream exited early; see ${join(dir, "mock.log")}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const port = Number(/port (\d+)/.exec(text)?.[1]);
  return wrap("mock upstream", `http://127.0.0.1:${port}`, proc);
}

/** The config both routers read: one OpenAI-compatible provider (the mock) as the default route, logging off. */
function routerConfig(mockUrl: string, port: number): string {
  const provider = { name: "mock", api_base_url: `${mockUrl}/v1/chat/completions`, api_key: "x", models: ["gpt-test"] };
  return JSON.stringify({ PORT: port, LOG: false, Providers: [provider], Router: { default: "mock,gpt-test" } }, null, 2);
}

/** ccr from this checkout (`bun src/main.ts serve`), or a compiled binary when `bin` is given. */
export async function startCcr(dir: string, mockUrl: string, bin?: string): Promise<ServerProcess> {
  const home = join(dir, "ccr-home");
  mkdirSync(home, { recursive: true });
  const port = await freePort();
  writeFileSync(join(home, "config.json"), routerConfig(mockUrl, port));
  const logFile = join(dir, "ccr.log");
  const cmd = bin ? [bin, "serve", "--port", String(port)] : [process.execPath, join(REPO, "src/main.ts"), "serve", "--port", String(port)];
  const proc = Bun.spawn(cmd, { cwd: REPO, stdout: Bun.file(logFile), stderr: Bun.file(join(dir, "ccr.err.log")), env: childEnv({ CCR_HOME: home }) });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp("ccr", url, proc, logFile);
  return wrap("ccr", url, proc);
}

/** Installs CCR 1.0.73 from npm into a cache directory (reused across runs); returns its `dist/cli.js`. */
export async function installCcrV1(cacheDir: string): Promise<string> {
  const cli = join(cacheDir, "node_modules/@musistudio/claude-code-router/dist/cli.js");
  if (existsSync(cli)) return cli;
  mkdirSync(cacheDir, { recursive: true });
  const args = ["npm", "install", "--prefix", cacheDir, "--no-audit", "--no-fund", "--loglevel=error", `@musistudio/claude-code-router@${CCR_V1_VERSION}`];
  const proc = Bun.spawn(args, { stdout: "pipe", stderr: "pipe", env: childEnv({}) });
  const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  if (code !== 0 || !existsSync(cli)) throw new Error(`npm install failed (exit ${code}): ${err.trim().split("\n").slice(-3).join(" ")}`);
  return cli;
}

/** CCR 1.0.73 under Node with a throw-away HOME: `ccr start` runs the server in the foreground of this child. */
export async function startCcrV1(dir: string, cli: string, mockUrl: string): Promise<ServerProcess> {
  const home = join(dir, "ccr-v1-home");
  const tmp = join(dir, "ccr-v1-tmp");
  mkdirSync(join(home, ".claude-code-router"), { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  writeFileSync(join(home, ".claude-code-router/config.json"), routerConfig(mockUrl, port));
  const logFile = join(dir, "ccr-v1.log");
  const proc = Bun.spawn(["node", cli, "start"], { stdout: Bun.file(logFile), stderr: Bun.file(join(dir, "ccr-v1.err.log")), env: childEnv({ HOME: home, TMPDIR: tmp }) });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`CCR ${CCR_V1_VERSION}`, url, proc, logFile);
  return wrap(`CCR ${CCR_V1_VERSION}`, url, proc);
}
