import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { isAlive } from "../../src/daemon/process-check.ts";
import { cleanUpDaemonHomes, daemonHome, otherServerOn, spawnDaemon } from "../helpers/daemon-home.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter } from "../helpers/scripted-prompter.ts";

afterEach(cleanUpDaemonHomes);

describe("ccr restart", () => {
  test("keeps the running server when the config is broken, and exits 1", async () => {
    const home = daemonHome();
    const pid = await spawnDaemon(home);
    writeFileSync(join(home.home, "config.json"), "{ broken");
    const fake = fakeIo({ env: home.env });
    expect(await runCli(["restart"], fake.io)).toBe(1);
    expect(fake.stderr()).toContain("Cannot parse");
    expect(fake.stderr()).toStartWith("ccr restart: the config has problems, so nothing was stopped or started");
    expect(isAlive(pid)).toBe(true);
  }, 15_000);

  test("stops the old server and reports the port owner when the new one cannot bind", async () => {
    const home = daemonHome();
    const pid = await spawnDaemon(home);
    // Make the configured port another program's: the restart stops ccr, then finds the port taken.
    const other = daemonHome();
    writeFileSync(join(home.home, "config.json"), JSON.stringify({ PORT: other.port }));
    otherServerOn(other.port);
    const script = scriptedPrompter([]);
    const fake = fakeIo({ env: home.env, prompter: script.prompter });
    expect(await runCli(["restart"], fake.io)).toBe(1);
    expect(isAlive(pid)).toBe(false);
    // The drain may take seconds: a terminal sees a spinner meanwhile, then one line.
    expect(script.shown).toContain("stopping ccr (in-flight responses may finish first)");
    expect(fake.stderr()).toContain(`ccr stopped (pid ${pid})\n`);
    expect(fake.stderr()).toContain(`port ${other.port} is held by`);
  }, 20_000);
});
