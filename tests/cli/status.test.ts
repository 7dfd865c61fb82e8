import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { formatUptime, NOT_RUNNING } from "../../src/cli/status.ts";
import { writePidFile } from "../../src/daemon/pidfile.ts";
import { commandLine } from "../../src/daemon/process-check.ts";
import { cleanUpDaemonHomes, daemonHome, fakeCcrOn, otherServerOn, track } from "../helpers/daemon-home.ts";
import { fakeIo } from "../helpers/fake-io.ts";

afterEach(cleanUpDaemonHomes);

describe("ccr status", () => {
  test("prints URL, PID, version and uptime of a running ccr and exits 0", async () => {
    const home = daemonHome();
    fakeCcrOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["status"], fake.io)).toBe(0);
    expect(fake.stdout()).toContain(`ccr is running on ${home.url} (pid ${process.pid}, version 9.9.9, up 1m 5s)`);
    expect(fake.stdout()).toContain(`logs: ${home.home}/logs`);
  });

  test("says it is not running and how to start it, exit 3", async () => {
    const fake = fakeIo({ env: daemonHome().env });
    expect(await runCli(["status"], fake.io)).toBe(NOT_RUNNING);
    expect(fake.stdout()).toBe("ccr is not running\nstart it with: ccr start\n");
  });

  test("names another program on the port", async () => {
    const home = daemonHome();
    otherServerOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["status"], fake.io)).toBe(NOT_RUNNING);
    expect(fake.stdout()).toContain(`ccr is not running; port ${home.port} is held by`);
  });

  test("says a ccr process that does not answer is not answering, and how to replace it, exit 3", async () => {
    const home = daemonHome();
    // Looks like the background server (argv has serve --daemon) but never listens.
    const silent = Bun.spawn(["bash", "-c", "while :; do sleep 0.05; done", "serve", "--daemon"], { stdio: ["ignore", "ignore", "ignore"] });
    track(silent.pid);
    // Until bash has been exec'd the process's argv is still Bun's: wait for it, or it looks like a foreign process.
    for (let i = 0; i < 100 && !(commandLine(silent.pid) ?? []).includes("--daemon"); i++) await Bun.sleep(10);
    writePidFile(home.env, { pid: silent.pid, url: home.url, startedAt: 0 });
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["status"], fake.io)).toBe(NOT_RUNNING);
    expect(fake.stdout()).toBe(`ccr is not answering: process ${silent.pid} is a ccr server, but nothing answers on ${home.url}\nreplace it with: ccr restart\n`);
  });

  test("says the config cannot be loaded when it is broken, besides not running", async () => {
    const home = daemonHome();
    writeFileSync(join(home.home, "config.json"), "{ broken");
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["status"], fake.io)).toBe(NOT_RUNNING);
    expect(fake.stdout()).toBe("ccr is not running\nstart it with: ccr start\n");
    expect(fake.stderr()).toStartWith("ccr: the config cannot be loaded, so only the PID file was checked: Cannot parse ");
    expect(fake.stderr()).toEndWith("(see: ccr config validate)\n");
    expect(fake.stderr().split("\n")).toHaveLength(2);
  });

  test("prints one JSON object with --json", async () => {
    const home = daemonHome();
    fakeCcrOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["status", "--json"], fake.io)).toBe(0);
    expect(JSON.parse(fake.stdout())).toMatchObject({ running: true, pid: process.pid, url: home.url, version: "9.9.9", uptime: 65 });
  });
});

describe("formatUptime", () => {
  test("shows the two largest units", () => {
    expect([5, 65, 3700, 90_000].map(formatUptime)).toEqual(["5s", "1m 5s", "1h 1m", "1d 1h"]);
  });
});
