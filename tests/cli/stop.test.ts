import { afterEach, describe, expect, test } from "bun:test";
import { runCli } from "../../src/cli/run-cli.ts";
import { readPidFile, writePidFile } from "../../src/daemon/pidfile.ts";
import { isAlive } from "../../src/daemon/process-check.ts";
import { stopOutcome } from "../../src/cli/stop.ts";
import { stopService } from "../../src/daemon/stop.ts";
import { cleanUpDaemonHomes, daemonHome, otherServerOn, spawnDaemon, track } from "../helpers/daemon-home.ts";
import { fakeIo } from "../helpers/fake-io.ts";

afterEach(cleanUpDaemonHomes);

describe("ccr stop", () => {
  test("stops the background server, waits for its exit and removes the PID file", async () => {
    const home = daemonHome();
    const pid = await spawnDaemon(home);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["stop"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe(`ccr stopped (pid ${pid})\n`);
    // One line in all: no spinner stop line ("drained and exited") next to the outcome.
    expect(fake.stderr()).toBe("");
    expect(isAlive(pid)).toBe(false);
    expect(readPidFile(home.env)).toBeUndefined();
  }, 15_000);

  test("says it was not running and exits 0 when nothing runs", async () => {
    const fake = fakeIo({ env: daemonHome().env });
    expect(await runCli(["stop"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe("ccr was not running\n");
    expect(fake.stderr()).toBe("");
  });

  test("leaves another program on the port alone", async () => {
    const home = daemonHome();
    otherServerOn(home.port);
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["stop"], fake.io)).toBe(0);
    expect(fake.stdout()).toContain(`ccr was not running; port ${home.port} is held by`);
    expect((await fetch(`${home.url}/`)).status).toBe(404);
  });

  test("kills a ccr that ignores SIGTERM once the grace time is over", async () => {
    const home = daemonHome();
    // Looks like the background server (argv has serve --daemon) but never answers and ignores SIGTERM.
    const stubborn = Bun.spawn(["bash", "-c", 'trap "" TERM; while :; do sleep 0.05; done', "serve", "--daemon"], { stdio: ["ignore", "ignore", "ignore"] });
    track(stubborn.pid);
    writePidFile(home.env, { pid: stubborn.pid, url: home.url, startedAt: 0 });
    await Bun.sleep(100);
    const result = await stopService(fakeIo({ env: home.env }).io, 300);
    expect(result).toMatchObject({ stopped: true, pid: stubborn.pid, killed: true });
    await stubborn.exited;
    expect(stubborn.signalCode).toBe("SIGKILL");
    expect(readPidFile(home.env)).toBeUndefined();
  }, 10_000);

  test("says in its one line when the server had to be killed", () => {
    const killed = stopOutcome({ stopped: true, pid: 42, killed: true, reason: undefined, notes: [] });
    expect(killed).toBe("ccr stopped (pid 42; killed: its responses did not finish within 12 s)");
    expect(stopOutcome({ stopped: true, pid: 42, killed: false, reason: undefined, notes: [] })).toBe("ccr stopped (pid 42)");
  });
});
