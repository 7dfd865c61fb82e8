import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CompiledConfig } from "../../src/config/compiled.ts";
import { loadConfig } from "../../src/config/load.ts";
import { ConfigError } from "../../src/errors.ts";

let home = "";
const ctx = { provider: "mock", model: "m1" };

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-custom-transformers-"));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function writeConfig(transformers: unknown, use: unknown): Promise<void> {
  const doc = {
    Providers: [{ name: "mock", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "k", models: ["m1"], transformer: { use } }],
    Router: { default: "mock,m1" },
    transformers,
  };
  await writeFile(join(home, "config.json"), JSON.stringify(doc));
}

async function load(): Promise<CompiledConfig> {
  return loadConfig({ CCR_HOME: home, HOME: home });
}

async function loadError(): Promise<ConfigError> {
  try {
    await load();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

function chain(config: CompiledConfig): readonly { name: string; wireRequest?: (b: Record<string, unknown>, c: typeof ctx) => Record<string, unknown> }[] {
  return config.providers.get("mock")?.plan.transformers ?? [];
}

describe("custom transformers", () => {
  test("loads a class with the entry's options and makes it usable by name, case-insensitively", async () => {
    await writeFile(
      join(home, "stamp.ts"),
      `export class Stamp { name = "stamp"; constructor(o) { this.o = o; } wireRequest(body) { return { ...body, stamp: this.o.value }; } }`,
    );
    await writeConfig([{ path: "stamp.ts", options: { value: 7 } }], ["Stamp", "cleancache"]);
    const config = await load();
    const [stamp] = chain(config);
    expect(chain(config).map((t) => t.name)).toEqual(["stamp", "cleancache"]);
    expect(stamp?.wireRequest?.({ model: "m1" }, ctx)).toEqual({ model: "m1", stamp: 7 });
  });

  test("constructs a class with the use item's options when they are given", async () => {
    await writeFile(join(home, "stamp.ts"), `export class Stamp { name = "stamp"; constructor(o) { this.o = o; } wireRequest(b) { return { ...b, stamp: this.o.value }; } }`);
    await writeConfig([{ path: "stamp.ts", options: { value: 7 } }], [["stamp", { value: 9 }]]);
    expect(chain(await load())[0]?.wireRequest?.({}, ctx)).toEqual({ stamp: 9 });
  });

  test("loads a named object export with a profile and shadows a built-in of the same name", async () => {
    await writeFile(join(home, "groq.mjs"), `export const mine = { name: "groq", profile: { topK: "keep" } };`);
    await writeConfig([{ path: join(home, "groq.mjs") }], ["groq"]);
    const config = await load();
    expect(config.providers.get("mock")?.plan.profile.topK).toBe("keep");
  });

  test("loads the README example", async () => {
    const example = resolve(import.meta.dir, "../../examples/transformers/add-header-param.ts");
    await writeConfig([{ path: example, options: { params: { user: "me" } } }], ["add-header-param"]);
    expect(chain(await load())[0]?.wireRequest?.({ model: "m1" }, ctx)).toEqual({ model: "m1", user: "me" });
  });

  test("names the file when a module cannot be found", async () => {
    await writeConfig([{ path: "missing.ts" }], []);
    const err = await loadError();
    expect(err.message).toBe(`Cannot load custom transformer ${join(home, "missing.ts")}: file not found`);
    expect(err.issues).toEqual([{ path: "transformers[0].path", message: "file not found" }]);
  });

  test("names the file when the module has a syntax error", async () => {
    await writeFile(join(home, "broken.ts"), "export const x = {");
    await writeConfig([{ path: "broken.ts" }], []);
    expect((await loadError()).message).toStartWith(`Cannot load custom transformer ${join(home, "broken.ts")}: `);
  });

  test("rejects a transformer without a name", async () => {
    await writeFile(join(home, "nameless.ts"), "export class Nameless { wireRequest(b) { return b; } }");
    await writeConfig([{ path: "nameless.ts" }], []);
    const err = await loadError();
    expect(err.message).toContain(join(home, "nameless.ts"));
    expect(err.message).toContain("name");
  });

  test("rejects a profile field that does not exist", async () => {
    await writeFile(join(home, "bad.ts"), `export const bad = { name: "bad", profile: { turbo: true } };`);
    await writeConfig([{ path: "bad.ts" }], []);
    expect((await loadError()).message).toContain("the transformer's profile.turbo: unknown key");
  });

  test("rejects a profile value the adapter does not know", async () => {
    await writeFile(join(home, "bad.ts"), `export const bad = { name: "bad", profile: { reasoningParam: "magic" } };`);
    await writeConfig([{ path: "bad.ts" }], []);
    expect((await loadError()).message).toContain("the transformer's profile.reasoningParam:");
  });

  test("still rejects a use name that no built-in or custom transformer has", async () => {
    await writeConfig([], ["stmap"]);
    expect((await loadError()).message).toContain('unknown transformer "stmap" (provider "mock", all models)');
  });
});
