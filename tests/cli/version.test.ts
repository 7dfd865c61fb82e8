import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const packageVersion: unknown = JSON.parse(readFileSync(join(import.meta.dir, "../../package.json"), "utf8")).version;

describe("ccr version", () => {
  test("prints ccr and the package.json version for every spelling", async () => {
    expect(packageVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const argv of [["version"], ["--version"], ["-v"]]) {
      const fake = fakeIo();
      expect(await runCli(argv, fake.io)).toBe(0);
      // From source no build commit is defined, so the line carries no "(sha)".
      expect(fake.stdout()).toBe(`ccr ${String(packageVersion)}\n`);
      expect(fake.stderr()).toBe("");
    }
  });

  test("rejects arguments it does not take", async () => {
    const fake = fakeIo();
    expect(await runCli(["version", "now"], fake.io)).toBe(1);
    expect(fake.stderr()).toBe('ccr version: unexpected argument "now" (see "ccr version --help")\n');
  });
});
