import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "../../src/cli/command.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { ConfigError, NoRouteError } from "../../src/errors.ts";
import { fakeIo } from "../helpers/fake-io.ts";

async function cli(argv: string[], env: Record<string, string> = {}) {
  const fake = fakeIo({ env });
  const code = await runCli(argv, fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

function throwing(error: unknown): Command {
  return { name: "boom", summary: "Throws", usage: "ccr boom", run: () => Promise.reject(error) };
}

describe("runCli", () => {
  test("lists every command with its summary for ccr help, --help, -h and no arguments", async () => {
    for (const argv of [["help"], ["--help"], ["-h"], []]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toContain("Usage: ccr <command> [options]");
      expect(stdout).toMatch(/^ {2}serve +Run the router in the foreground until Ctrl-C$/m);
      expect(stdout).toMatch(/^ {2}version +Print the version \(also --version, -v\)$/m);
      expect(stdout).toMatch(/^ {2}help +/m);
    }
  });

  test("prints a command's usage and flags for ccr <command> --help without running it", async () => {
    const { code, stdout } = await cli(["serve", "--port", "abc", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toStartWith("Usage: ccr serve [--port N] [--host H]\n");
    expect(stdout).toMatch(/^ {2}--port N +Listen on this port/m);
    expect(stdout).toMatch(/^ {2}--host H +Bind to this address/m);
    expect(stdout).toMatch(/^ {2}--help, -h +Show this help$/m);
  });

  test("hands --help to a pass-through command (ccr code -> claude --help) instead of printing ccr's usage", async () => {
    const seen: string[][] = [];
    const passing: Command = { name: "wrap", summary: "Wraps", usage: "ccr wrap", passThrough: true, run: async (args) => (seen.push([...args]), 0) };
    const fake = fakeIo();
    expect(await runCli(["wrap", "--help"], fake.io, [passing])).toBe(0);
    expect(seen).toEqual([["--help"]]);
    expect(fake.stdout()).toBe("");
  });

  test("points ccr help <unknown> to the list when no command is close", async () => {
    const { code, stderr } = await cli(["help", "bogus"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr help: unknown command "bogus" (run "ccr help" for the list)\n');
  });

  test("loads a command's module only when that command runs", async () => {
    const loaded: string[] = [];
    const lazy = (name: string) => ({
      name,
      load: async (): Promise<Command> => (loaded.push(name), { name, summary: name, usage: `ccr ${name}`, run: async () => 7 }),
    });
    expect(await runCli(["two"], fakeIo().io, [lazy("one"), lazy("two")])).toBe(7);
    expect(loaded).toEqual(["two"]);
  });

  test("prints the same usage for ccr help <command>", async () => {
    expect((await cli(["help", "serve"])).stdout).toBe((await cli(["serve", "-h"])).stdout);
  });

  test("suggests the closest command for an unknown one and exits 1", async () => {
    const { code, stdout, stderr } = await cli(["servr"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe('ccr: unknown command "servr", did you mean "serve"?\n');
  });

  test("points to ccr help when no command is close", async () => {
    const { code, stderr } = await cli(["deploy"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr: unknown command "deploy" (run "ccr help" for the list)\n');
  });

  test("suggests the closest top-level flag for a misspelled one", async () => {
    const { code, stderr } = await cli(["--verison"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr: unknown flag "--verison", did you mean "--version"?\n');
  });

  test("reports an unknown flag of a command on one line with the nearest flag", async () => {
    const { code, stderr } = await cli(["serve", "--prot", "8080"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr serve: unknown flag "--prot", did you mean "--port"?\n');
  });

  test("points to the command's --help when an unknown flag is close to none of its flags", async () => {
    const { code, stderr } = await cli(["start", "-x"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr start: unknown flag "-x" (see "ccr start --help")\n');
  });

  test("rejects a --port that is not an integer from 0 to 65535 before loading any config", async () => {
    for (const bad of ["abc", "70000"]) {
      const { code, stderr } = await cli(["serve", "--port", bad]);
      expect(code).toBe(1);
      expect(stderr).toBe(`ccr serve: --port: expected an integer from 0 to 65535, got "${bad}"\n`);
    }
  });

  test("prints a RouterError's message alone, without a stack trace", async () => {
    const fake = fakeIo();
    const message = "Config file /x/config.json is invalid:\n  Router.default: expected \"provider,model\"";
    const code = await runCli(["boom"], fake.io, [throwing(new ConfigError(message))]);
    expect(code).toBe(1);
    expect(fake.stderr()).toBe(`${message}\n`);
    const other = fakeIo();
    await runCli(["boom"], other.io, [throwing(new NoRouteError("no route"))]);
    expect(other.stderr()).toBe("no route\n");
  });

  test("reports a file-system error as the path and the reason on one line, not as an unexpected error", async () => {
    const home = mkdtempSync(join(tmpdir(), "ccr-cli-run-"));
    try {
      // CCR_HOME names a file, so nothing inside it can be opened.
      const file = join(home, "not-a-dir");
      writeFileSync(file, "");
      const fake = fakeIo({ env: { HOME: home, CCR_HOME: file } });
      expect(await runCli(["status"], fake.io)).toBe(1);
      expect(fake.stderr()).toBe(`ccr status: cannot open ${join(file, "ccr.pid")}: not a directory (check that path, CCR_HOME and their permissions)\n`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test("reports an unexpected error as one line, and its stack only with CCR_DEBUG", async () => {
    const quiet = fakeIo();
    expect(await runCli(["boom"], quiet.io, [throwing(new Error("disk on fire"))])).toBe(1);
    expect(quiet.stderr()).toBe("ccr boom: unexpected error: disk on fire (set CCR_DEBUG=1 for details)\n");
    const debug = fakeIo({ env: { CCR_DEBUG: "1" } });
    await runCli(["boom"], debug.io, [throwing(new Error("disk on fire"))]);
    expect(debug.stderr()).toMatch(/^ccr boom: Error: disk on fire\n\s+at /);
  });

  test("passes the arguments after the command name to it and returns its exit code", async () => {
    const seen: (readonly string[])[] = [];
    const echo: Command = { name: "echo", summary: "", usage: "", run: async (args) => (seen.push(args), 7) };
    expect(await runCli(["echo", "a", "--", "-h"], fakeIo().io, [echo])).toBe(7);
    expect(seen).toEqual([["a", "--", "-h"]]);
  });
});
