import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompiledConfig } from "../../src/config/compiled.ts";
import { type ConfigWatcher, watchConfig } from "../../src/config/watch.ts";

let home = "";
let watcher: ConfigWatcher | undefined;
let configs: CompiledConfig[] = [];
let errors: string[] = [];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-watch-"));
  configs = [];
  errors = [];
});

afterEach(async () => {
  watcher?.stop();
  watcher = undefined;
  await rm(home, { recursive: true, force: true });
});

function configText(defaultRoute: string, extra: Record<string, unknown> = {}): string {
  const doc = {
    Providers: [{ name: "mock", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "k", models: ["m1", "m2", "m3"] }],
    Router: { default: defaultRoute },
    ...extra,
  };
  return JSON.stringify(doc, null, 2);
}

function start(ccrHome = home, pollMs?: number): void {
  watcher = watchConfig({
    env: { CCR_HOME: ccrHome, HOME: home },
    pollMs,
    onConfig: (config) => configs.push(config),
    onError: (message) => errors.push(message),
    debounceMs: 50,
  });
}

/** Polls until the condition holds, failing after a bounded wait. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(20);
  }
}

/** Editors save by writing a temporary file and renaming it over the original. */
async function saveLikeAnEditor(text: string): Promise<void> {
  const temp = join(home, "config.json.tmp");
  await writeFile(temp, text);
  await rename(temp, join(home, "config.json"));
}

describe("watchConfig", () => {
  test("check() hands over a just-written config before it resolves, and only once", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start(home, 60_000);
    await writeFile(join(home, "config.json"), configText("mock,m2"));
    await watcher?.check();
    expect(configs.map((c) => c.router.default?.model)).toEqual(["m2"]);
    await watcher?.check();
    await Bun.sleep(120);
    expect(configs).toHaveLength(1);
  });

  test("hands over the new config when the file is rewritten", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start();
    await writeFile(join(home, "config.json"), configText("mock,m2"));
    await waitFor(() => configs.length > 0);
    expect(configs.at(-1)?.router.default).toEqual({ provider: "mock", model: "m2" });
    expect(errors).toEqual([]);
  });

  test("follows a save that replaces the file by rename", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start();
    await saveLikeAnEditor(configText("mock,m3"));
    await waitFor(() => configs.length > 0);
    expect(configs.at(-1)?.router.default).toEqual({ provider: "mock", model: "m3" });
  });

  test("reports an invalid file and hands over no config", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start();
    await writeFile(join(home, "config.json"), configText("ghost,m1"));
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toContain('Router.default: unknown provider "ghost"');
    await Bun.sleep(200);
    expect(configs).toEqual([]);
  });

  test("reloads when the custom router script changes", async () => {
    const script = join(home, "router.js");
    await writeFile(script, 'module.exports = () => "mock,m1";');
    await writeFile(join(home, "config.json"), configText("mock,m1", { CUSTOM_ROUTER_PATH: "router.js" }));
    start();
    await writeFile(script, 'module.exports = () => "mock,m2";');
    await waitFor(() => configs.length > 0);
    const router = configs.at(-1)?.customRouter;
    expect(router).toBeFunction();
    expect(await router?.({ model: "x", max_tokens: 1, messages: [] }, {}, { tokenCount: 0, sessionId: undefined, headers: {} })).toBe(
      "mock,m2",
    );
  });

  test("finds a config whose directory only appears after the watcher started", async () => {
    const later = join(home, "later");
    start(later, 100);
    await Bun.sleep(150);
    await mkdir(later);
    await writeFile(join(later, "config.json"), configText("mock,m2"));
    await waitFor(() => configs.length > 0);
    expect(configs.at(-1)?.path).toBe(join(later, "config.json"));
  });

  test("keeps the running config when the file is deleted", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start();
    await rm(join(home, "config.json"));
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toContain("is missing; keeping the running config");
    expect(configs).toEqual([]);
  });

  test("reports nothing more after stop()", async () => {
    await writeFile(join(home, "config.json"), configText("mock,m1"));
    start();
    watcher?.stop();
    await writeFile(join(home, "config.json"), configText("mock,m2"));
    await Bun.sleep(400);
    await writeFile(join(home, "config.json"), configText("ghost,m2"));
    await Bun.sleep(400);
    expect(configs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
