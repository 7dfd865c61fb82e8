// The daemon life cycle against the compiled binary: start, reuse, stop, stale state, port conflicts, kill -9, races, drain.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPidFile } from "../../src/daemon/pidfile.ts";
import { isAlive } from "../../src/daemon/process-check.ts";
import { compiledBinary } from "../helpers/compiled-binary.ts";
import { cleanUpDaemonHomes, daemonHome, otherServerOn, track, type DaemonHome } from "../helpers/daemon-home.ts";
import { textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

let binary = "";
let upstream: OpenAiUpstream | undefined;
const started: DaemonHome[] = [];

beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the binary without a terminal (CI mode: plain lines) and collects its output. */
async function ccr(home: DaemonHome, ...args: string[]): Promise<Run> {
  if (args[0] === "start" || args[0] === "restart") started.push(home);
  const proc = Bun.spawn([binary, ...args], { env: home.env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

async function health(url: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${url}/health`).catch(() => undefined);
  // /health answers a JSON object.
  return res?.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
}

function pidIn(text: string): number {
  return Number(/\(pid (\d+)\)/.exec(text)?.[1]);
}

afterEach(async () => {
  // Stop every server a test started, even when it failed half-way, then remove the homes.
  for (const home of started.splice(0)) {
    const record = readPidFile(home.env);
    if (record) track(record.pid);
  }
  await upstream?.stop();
  upstream = undefined;
  cleanUpDaemonHomes();
});

afterAll(cleanUpDaemonHomes);

describe("ccr daemon (compiled binary)", () => {
  test("start, status, a second start reuses it, stop waits and cleans up, status says stopped", async () => {
    const home = daemonHome();
    const first = await ccr(home, "start");
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(new RegExp(`^ccr is running on ${home.url} \\(pid \\d+\\)\\n$`));
    const pid = pidIn(first.stdout);
    expect(await health(home.url)).toMatchObject({ status: "ok", service: "ccr", pid });
    expect(readPidFile(home.env)?.pid).toBe(pid);
    // The detached server logs to files only, never to the starter's terminal.
    expect(first.stderr).not.toContain('"msg"');
    const logs = readdirSync(join(home.home, "logs")).filter((name) => name.endsWith(".log"));
    expect(readFileSync(join(home.home, "logs", logs[0] ?? ""), "utf8")).toContain('"msg":"listening"');

    const status = await ccr(home, "status");
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`ccr is running on ${home.url} (pid ${pid}`);

    const second = await ccr(home, "start");
    expect(second).toMatchObject({ code: 0, stdout: `ccr is already running on ${home.url} (pid ${pid})\n` });

    const logsOut = await ccr(home, "logs", "-n", "5");
    expect(logsOut.stdout).toContain("listening");

    const stop = await ccr(home, "stop");
    expect(stop).toMatchObject({ code: 0, stdout: `ccr stopped (pid ${pid})\n`, stderr: "" });
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(home.home, "ccr.pid"))).toBe(false);
    expect(await ccr(home, "status")).toMatchObject({ code: 3, stdout: "ccr is not running\nstart it with: ccr start\n" });
  }, 20_000);

  test("a PID file naming a dead process or a live non-ccr process is cleaned up, and start works", async () => {
    const home = daemonHome();
    writeFileSync(join(home.home, "ccr.pid"), "999999\n");
    const dead = await ccr(home, "start");
    expect(dead.code).toBe(0);
    expect(dead.stderr).toContain("removed a stale PID file (process 999999 is gone)");
    expect((await ccr(home, "stop")).code).toBe(0);

    const sleeper = Bun.spawn(["sleep", "30"], { stdio: ["ignore", "ignore", "ignore"] });
    track(sleeper.pid);
    writeFileSync(join(home.home, "ccr.pid"), JSON.stringify({ pid: sleeper.pid, url: home.url, startedAt: 0 }));
    const foreign = await ccr(home, "start");
    expect(foreign.code).toBe(0);
    expect(foreign.stderr).toContain(`pid ${sleeper.pid} now belongs to "sleep 30", not to ccr`);
    expect(isAlive(sleeper.pid)).toBe(true);
    expect((await ccr(home, "stop")).code).toBe(0);
  }, 20_000);

  test("a port held by another program fails at once with its name and PID, not a timeout", async () => {
    const home = daemonHome();
    otherServerOn(home.port);
    const run = await ccr(home, "start");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${home.port} is held by`);
    expect(run.stderr).toContain(`(pid ${process.pid})`);
    expect(run.stderr).not.toContain("timeout");
    expect(existsSync(join(home.home, "ccr.pid"))).toBe(false);
  }, 10_000);

  test("a server that cannot listen makes start fail with the server's own reason, said once and without 'unexpected error'", async () => {
    // A unique-local IPv6 address this machine does not have: the server's bind fails (EADDRNOTAVAIL).
    const home = daemonHome({ HOST: "fdcc:cc::1", APIKEY: "client-key" });
    const run = await ccr(home, "start");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toStartWith(`ccr could not start: the server exited with code 1 before answering on http://[fdcc:cc::1]:${home.port}.`);
    expect(run.stderr).toContain(`cannot listen on [fdcc:cc::1]:${home.port}: `);
    expect(run.stderr).not.toContain("unexpected error");
  }, 20_000);

  test("after kill -9 of the server, start notices the stale PID file and starts a new one", async () => {
    const home = daemonHome();
    const pid = pidIn((await ccr(home, "start")).stdout);
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 100 && isAlive(pid); i++) await Bun.sleep(20);
    const again = await ccr(home, "start");
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`removed a stale PID file (process ${pid} is gone)`);
    const next = pidIn(again.stdout);
    expect(next).not.toBe(pid);
    expect(await health(home.url)).toMatchObject({ pid: next });
  }, 20_000);

  test("two starts at once give exactly one server and both exit 0", async () => {
    const home = daemonHome();
    const [a, b] = await Promise.all([ccr(home, "start"), ccr(home, "start")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const pids = [pidIn(a.stdout), pidIn(b.stdout)];
    expect(pids[0]).toBe(pids[1]);
    expect([a.stdout, b.stdout].filter((out) => out.includes("already running"))).toHaveLength(1);
    expect(await health(home.url)).toMatchObject({ pid: pids[0] });
  }, 20_000);

  test("stop lets an in-flight stream finish before the server exits, refusing new connections; a start meanwhile waits, then starts anew", async () => {
    upstream = startOpenAiUpstream(() => ({ sse: textStream("drained to the end", { pieces: 6 }), delayMs: 250 }));
    const home = daemonHome({ Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-up", models: ["m"] }], Router: { default: "mock,m" } });
    const pid = pidIn((await ccr(home, "start")).stdout);
    const res = await fetch(`${home.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "x", max_tokens: 16, stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    const stopping = ccr(home, "stop");
    await Bun.sleep(300);
    const startDuring = ccr(home, "start");
    const during = await fetch(`${home.url}/health`).then(
      () => "answered",
      () => "refused",
    );
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(during).toBe("refused");
    expect(text).toContain("message_stop");
    // A start during the drain waited for the old server to go, then started a new one.
    const restarted = await startDuring;
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toMatch(/^ccr is running on /);
    expect(pidIn(restarted.stdout)).not.toBe(pid);
    expect([...text.matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join("")).toBe("drained to the end");
    expect(await stopping).toMatchObject({ code: 0, stdout: `ccr stopped (pid ${pid})\n` });
    expect(isAlive(pid)).toBe(false);
  }, 20_000);
});
