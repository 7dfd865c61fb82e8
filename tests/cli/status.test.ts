import { afterEach, describe, expect, test } from "bun:test";
import { runCli } from "../../src/cli/run-cli.ts";
import { formatUptime, NOT_RUNNING } from "../../src/cli/status.ts";
import { cleanUpDaemonHomes, daemonHome, fakeCcrOn, otherServerOn } from "../helpers/daemon-home.ts";
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
