import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { canPrompt, INTERRUPTED } from "../../src/cli/prompter.ts";

const PROMPTER = join(import.meta.dir, "../../src/cli/prompter.ts");

/** Runs a script that drives clackPrompter's spinner in a child process; resolves with its exit code. */
async function exitCodeOf(script: string): Promise<number> {
  const child = Bun.spawn([process.execPath, "-e", `import { clackPrompter } from ${JSON.stringify(PROMPTER)};\n${script}`], {
    stdio: ["ignore", "ignore", "ignore"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", CI: "true" },
  });
  return child.exited;
}

describe("clackPrompter's spinner", () => {
  test("turns clack's exit(0) on Ctrl-C while it spins into the interrupted exit code", async () => {
    // clack's own Ctrl-C handler calls process.exit(0) while a spinner runs.
    expect(await exitCodeOf('clackPrompter().spinner("waiting"); process.exit(0);')).toBe(INTERRUPTED);
  }, 10_000);

  test("leaves the exit code alone once the spinner has stopped or been cleared", async () => {
    expect(await exitCodeOf('const s = clackPrompter().spinner("waiting"); s.stop("done"); process.exit(0);')).toBe(0);
    expect(await exitCodeOf('const s = clackPrompter().spinner("waiting"); s.clear(); process.exit(0);')).toBe(0);
  }, 10_000);
});

describe("canPrompt", () => {
  test("asks only in a terminal without CI or NON_INTERACTIVE_MODE", () => {
    expect(canPrompt({ isTTY: true, env: {} })).toBe(true);
    expect(canPrompt({ isTTY: false, env: {} })).toBe(false);
    expect(canPrompt({ isTTY: true, env: { CI: "true" } })).toBe(false);
    expect(canPrompt({ isTTY: true, env: { NON_INTERACTIVE_MODE: "1" } })).toBe(false);
    expect(canPrompt({ isTTY: true, env: { CI: "false", NON_INTERACTIVE_MODE: "0" } })).toBe(true);
  });
});
