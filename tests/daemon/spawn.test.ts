import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DaemonError } from "../../src/errors.ts";
import { daemonOutputPath, failureDetails, lastLines, waitUntilHealthy, type SpawnedServer } from "../../src/daemon/spawn.ts";
import { selfCommand } from "../../src/daemon/self-command.ts";
import { cleanUpDaemonHomes, daemonHome } from "../helpers/daemon-home.ts";

afterEach(cleanUpDaemonHomes);

function stub(opts: { exitCode: number | null; pid?: number }): SpawnedServer & { signals: string[] } {
  const signals: string[] = [];
  return { pid: opts.pid ?? process.pid, exitCode: () => opts.exitCode, kill: (s) => void signals.push(s), signals };
}

async function failure(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (err) {
    if (err instanceof DaemonError) return err.message;
    throw err;
  }
  throw new Error("expected a DaemonError");
}

describe("waitUntilHealthy", () => {
  test("reports an early exit with the exit code and the server's own output", async () => {
    const home = daemonHome();
    mkdirSync(join(home.home, "logs"), { recursive: true });
    writeFileSync(daemonOutputPath(home.env), "ccr serve: Cannot parse config.json (line 1, column 3)\n");
    const message = await failure(waitUntilHealthy(home.env, stub({ exitCode: 1 }), home.url, 2000));
    expect(message).toContain(`the server exited with code 1 before answering on ${home.url}`);
    expect(message).toContain("Cannot parse config.json");
  });

  test("stops a server that never answers within the bound and says what to do", async () => {
    const home = daemonHome();
    const server = stub({ exitCode: null });
    const message = await failure(waitUntilHealthy(home.env, server, home.url, 300));
    expect(message).toContain(`ccr did not answer on ${home.url}/health within 0.3 s, so it was stopped`);
    expect(message).toContain("ccr logs");
    expect(message).toContain("ccr config validate");
    expect(server.signals).toEqual(["SIGTERM"]);
  });
});

describe("failureDetails", () => {
  test("falls back to the newest log file, then to saying there was no output", () => {
    const home = daemonHome();
    expect(failureDetails(home.env)).toContain("It left no output");
    mkdirSync(join(home.home, "logs"), { recursive: true });
    writeFileSync(join(home.home, "logs", "ccr-2026-12-03.log"), '{"msg":"boom"}\n');
    expect(failureDetails(home.env)).toContain('{"msg":"boom"}');
    expect(lastLines(join(home.home, "missing"), 3)).toBe("");
  });
});

describe("selfCommand", () => {
  test("re-runs the same runtime and entry script under Bun", () => {
    expect(selfCommand("serve", "--daemon")).toEqual([process.execPath, Bun.main, "serve", "--daemon"]);
  });
});
