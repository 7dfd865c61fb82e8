import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspectService, targetOf, urlOf } from "../../src/daemon/inspect.ts";
import { readPidFile, writePidFile } from "../../src/daemon/pidfile.ts";
import { freePort } from "../helpers/ccr-server.ts";

const homes: string[] = [];
const children: Bun.Subprocess[] = [];
let server: ReturnType<typeof Bun.serve> | undefined;
function env(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "ccr-inspect-"));
  homes.push(home);
  return { CCR_HOME: home };
}
afterEach(() => {
  server?.stop(true);
  server = undefined;
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A stand-in ccr on a free port: answers /health like the real one, with this process's PID. */
function fakeCcr(): number {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => Response.json({ status: "ok", service: "ccr", pid: process.pid, version: "9.9.9", uptime: 7 }),
  });
  return server.port ?? 0;
}

describe("targetOf / urlOf", () => {
  test("binds loopback without an APIKEY and reaches a wildcard bind over loopback", () => {
    expect(targetOf({ host: "0.0.0.0", port: 1, apiKey: undefined })).toEqual({ host: "127.0.0.1", port: 1 });
    expect(targetOf({ host: "0.0.0.0", port: 1, apiKey: "k" })).toEqual({ host: "0.0.0.0", port: 1 });
    expect(urlOf({ host: "0.0.0.0", port: 3456 })).toBe("http://127.0.0.1:3456");
    expect(urlOf({ host: "::1", port: 3456 })).toBe("http://[::1]:3456");
  });
});

describe("inspectService", () => {
  test("is stopped when there is no PID file and the port is free", async () => {
    const state = await inspectService(env(), { host: "127.0.0.1", port: freePort() });
    expect(state.state).toBe("stopped");
    expect(state.notes).toEqual([]);
  });

  test("removes a PID file whose process is gone", async () => {
    const e = env();
    writePidFile(e, { pid: 999999, url: "http://127.0.0.1:9", startedAt: 0 });
    const state = await inspectService(e, { host: "127.0.0.1", port: freePort() });
    expect(state.state).toBe("stopped");
    expect(state.notes).toEqual(["removed a stale PID file (process 999999 is gone)"]);
    expect(readPidFile(e)).toBeUndefined();
  });

  test("removes a PID file naming a live process that is not ccr", async () => {
    const e = env();
    const sleeper = Bun.spawn(["sleep", "30"], { stdio: ["ignore", "ignore", "ignore"] });
    children.push(sleeper);
    writePidFile(e, { pid: sleeper.pid, url: `http://127.0.0.1:${freePort()}`, startedAt: 0 });
    const state = await inspectService(e, { host: "127.0.0.1", port: freePort() });
    expect(state.state).toBe("stopped");
    expect(state.notes[0]).toContain(`pid ${sleeper.pid} now belongs to "sleep 30", not to ccr`);
    expect(readPidFile(e)).toBeUndefined();
  });

  test("finds a ccr answering on the configured port without a PID file", async () => {
    const port = fakeCcr();
    const state = await inspectService(env(), { host: "127.0.0.1", port });
    expect(state).toMatchObject({ state: "running", pid: process.pid, url: `http://127.0.0.1:${port}`, version: "9.9.9", uptime: 7 });
  });

  test("trusts a PID file only when /health at its URL answers with the same PID", async () => {
    const e = env();
    const port = fakeCcr();
    writePidFile(e, { pid: process.pid, url: `http://127.0.0.1:${port}`, startedAt: 0 });
    const state = await inspectService(e, undefined);
    expect(state).toMatchObject({ state: "running", pid: process.pid });
  });

  test("names the program holding the port when it is not ccr", async () => {
    server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("hello", { status: 404 }) });
    const state = await inspectService(env(), { host: "127.0.0.1", port: server.port ?? 0 });
    expect(state.state).toBe("port-taken");
    if (state.state !== "port-taken") return;
    expect(state.reason).toContain(`port ${server.port} is held by`);
    if (process.platform === "linux") expect(state.reason).toContain(`(pid ${process.pid})`);
  });
});
