import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCustomRouter } from "../../src/config/custom-router.ts";
import { importScript } from "../../src/config/import-script.ts";

const dir = mkdtempSync(join(tmpdir(), "ccr-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("importScript", () => {
  test("returns the module of a script that loads", async () => {
    const file = script("ok.mjs", "export const answer = 42;");
    expect(await importScript(file, 1)).toMatchObject({ answer: 42 });
  });

  test("gives up on a script whose top-level await never settles, saying why", async () => {
    const file = script("hang.mjs", "await new Promise(() => {}); export const never = true;");
    await expect(importScript(file, 1, 50)).rejects.toThrow("did not finish loading within 0.05 s");
  });
});

describe("loadCustomRouter", () => {
  test("turns a hanging router script into a config error naming CUSTOM_ROUTER_PATH", async () => {
    const file = script("hang-router.mjs", "await new Promise(() => {}); export default () => null;");
    const err = await loadCustomRouter(file, 50).catch((e: unknown) => e);
    expect(err).toMatchObject({ issues: [{ path: "CUSTOM_ROUTER_PATH" }] });
    expect(String(err)).toContain("did not finish loading");
  });
});
