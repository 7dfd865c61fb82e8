import { afterEach, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Io } from "../../src/cli/command.ts";
import { runUi } from "../../src/cli/ui.ts";
import { stopService } from "../../src/daemon/stop.ts";
import { freePort, REPO_ROOT, writeCcrHome } from "../helpers/ccr-server.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function fakeDaemon(url: string) {
  const calls = { ensure: 0 };
  return { calls, daemon: { ensureRunning: async () => (calls.ensure++, { url, started: calls.ensure === 1 }) } };
}

async function ui(opts: { isTTY: boolean; opens: boolean; args?: string[] }) {
  const fake = fakeIo({ env: { DISPLAY: ":0" } });
  const io: Io = { ...fake.io, isTTY: opts.isTTY };
  const opened: string[] = [];
  const { daemon, calls } = fakeDaemon("http://127.0.0.1:3456");
  const exit = await runUi(opts.args ?? [], io, daemon, async (url) => (opened.push(url), opts.opens));
  return { exit, opened, calls, stdout: fake.stdout() };
}

describe("ccr ui", () => {
  test("starts the service if needed and opens /ui/ in the browser", async () => {
    const { exit, opened, calls, stdout } = await ui({ isTTY: true, opens: true });
    expect(exit).toBe(0);
    expect(calls.ensure).toBe(1);
    expect(opened).toEqual(["http://127.0.0.1:3456/ui/"]);
    expect(stdout).toBe("Opened http://127.0.0.1:3456/ui/ in your browser\n");
  });

  test("prints the URL when the browser cannot be opened", async () => {
    const { exit, stdout } = await ui({ isTTY: true, opens: false });
    expect(exit).toBe(0);
    expect(stdout).toBe("Open the ccr UI at http://127.0.0.1:3456/ui/\n");
  });

  test("only prints the URL without a terminal", async () => {
    const { opened, stdout } = await ui({ isTTY: false, opens: true });
    expect(opened).toEqual([]);
    expect(stdout).toBe("Open the ccr UI at http://127.0.0.1:3456/ui/\n");
  });

  test("rejects arguments", async () => {
    await expect(ui({ isTTY: false, opens: true, args: ["extra"] })).rejects.toThrow('unexpected argument "extra"');
  });
});

describe("ccr ui as a process", () => {
  test(
    "starts the service and prints the UI address when there is no terminal",
    async () => {
      const port = freePort();
      const home = await writeCcrHome({ PORT: port });
      const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CCR_HOME: home };
      cleanup.push(async () => {
        await stopService(fakeIo({ env }).io, 3000);
        rmSync(home, { recursive: true, force: true });
      });
      const proc = Bun.spawn([process.execPath, join(REPO_ROOT, "src/main.ts"), "ui"], { cwd: home, env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
      const [exit, stdout] = await Promise.all([proc.exited, new Response(proc.stdout).text()]);
      expect(exit).toBe(0);
      expect(stdout).toBe(`Open the ccr UI at http://127.0.0.1:${port}/ui/\n`);
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.ok).toBe(true);
    },
    20_000,
  );
});
