import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { readPidFile, writePidFile } from "../../src/daemon/pidfile.ts";
import { markStartedByCode, startedByCodePid } from "../../src/daemon/sessions.ts";
import { cleanUpDaemonHomes, daemonHome, fakeCcrOn, otherServerOn } from "../helpers/daemon-home.ts";
import { fakeIo } from "../helpers/fake-io.ts";

afterEach(cleanUpDaemonHomes);

describe("ccr start", () => {
  test("reuses a ccr already answering on the configured port and exits 0", async () => {
    const home = daemonHome();
    fakeCcrOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["start"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe(`ccr is already running on ${home.url} (pid ${process.pid})\n`);
  });

  test("claims a service that ccr code started, so autoStop no longer stops it", async () => {
    const home = daemonHome();
    fakeCcrOn(home.port);
    markStartedByCode(home.env, process.pid);
    expect(await runCli(["start"], fakeIo({ env: home.env }).io)).toBe(0);
    expect(startedByCodePid(home.env)).toBeUndefined();
  });

  test("names the program holding the port and exits 1", async () => {
    const home = daemonHome();
    otherServerOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["start"], fake.io)).toBe(1);
    expect(fake.stderr()).toContain(`cannot start ccr on ${home.url}: port ${home.port} is held by`);
    if (process.platform === "linux") expect(fake.stderr()).toContain(`(pid ${process.pid})`);
    expect(fake.stderr()).toContain("set PORT in config.json");
    expect(fake.stderr()).not.toContain("timeout");
  });

  test("removes a stale PID file and says so before checking the port", async () => {
    const home = daemonHome();
    writePidFile(home.env, { pid: 999999, url: home.url, startedAt: 0 });
    fakeCcrOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["start"], fake.io)).toBe(0);
    expect(fake.stderr()).toContain("removed a stale PID file (process 999999 is gone)");
    expect(readPidFile(home.env)).toBeUndefined();
  });

  test("reports a broken config before starting anything", async () => {
    const home = daemonHome();
    writeFileSync(join(home.home, "config.json"), "{ nope");
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["start"], fake.io)).toBe(1);
    expect(fake.stderr()).toContain("Cannot parse");
  });

  test("refuses arguments", async () => {
    const fake = fakeIo({ env: daemonHome().env });
    expect(await runCli(["start", "now"], fake.io)).toBe(1);
    expect(fake.stderr()).toBe('ccr start: unexpected argument "now" (see "ccr start --help")\n');
  });
});
