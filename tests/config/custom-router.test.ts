import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompiledConfig } from "../../src/config/compiled.ts";
import { loadConfig } from "../../src/config/load.ts";
import { ConfigError } from "../../src/errors.ts";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";

let home = "";

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-custom-router-"));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const request: MessagesRequest = { model: "claude-sonnet-4-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] };
const context = { tokenCount: 42, sessionId: "s1", headers: {} };

async function writeConfig(customRouterPath: string): Promise<void> {
  const doc = {
    Providers: [{ name: "mock", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "$MOCK_KEY", models: ["m1", "m2"] }],
    Router: { default: "mock,m1" },
    CUSTOM_ROUTER_PATH: customRouterPath,
  };
  await writeFile(join(home, "config.json"), JSON.stringify(doc));
}

async function load(extraEnv: Record<string, string> = {}): Promise<CompiledConfig> {
  return loadConfig({ CCR_HOME: home, HOME: home, MOCK_KEY: "sk-mock", ...extraEnv });
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

async function decide(config: CompiledConfig): Promise<string | null | undefined> {
  if (config.customRouter === undefined) throw new Error("no custom router was loaded");
  return config.customRouter(request, config.customRouterConfig, context);
}

describe("custom router loading", () => {
  test("loads a CommonJS module.exports function relative to the config file and hands it the interpolated config", async () => {
    await writeFile(
      join(home, "router.js"),
      "module.exports = async function (req, config, ctx) { return `${config.Providers[0].api_key}|${req.model}|${ctx.tokenCount}`; };",
    );
    await writeConfig("./router.js");
    const config = await load();
    expect(config.customRouterPath).toBe(join(home, "router.js"));
    expect(await decide(config)).toBe("sk-mock|claude-sonnet-4-5|42");
  });

  test("loads a TypeScript default export from a path under ~", async () => {
    await mkdir(join(home, "scripts"));
    const source = 'export default async function (req: { model: string }): Promise<string> { return "mock,m2"; }';
    await writeFile(join(home, "scripts", "router.ts"), source);
    await writeConfig("~/scripts/router.ts");
    const config = await load();
    expect(config.customRouterPath).toBe(join(home, "scripts", "router.ts"));
    expect(await decide(config)).toBe("mock,m2");
  });

  test("loads a named router export from an absolute path", async () => {
    const file = join(home, "named.ts");
    const source = 'export const unrelated = 1;\nexport function router(): string { return "mock,m3"; }\n';
    await writeFile(file, source);
    await writeConfig(file);
    const config = await load();
    expect(await decide(config)).toBe("mock,m3");
  });

  test("re-imports the script when it changed since the last load", async () => {
    const file = join(home, "router.js");
    await writeFile(file, 'module.exports = () => "mock,m1";');
    await writeConfig("router.js");
    expect(await decide(await load())).toBe("mock,m1");
    await writeFile(file, 'module.exports = () => "mock,m2";');
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    expect(await decide(await load())).toBe("mock,m2");
  });

  test("leaves customRouter undefined when CUSTOM_ROUTER_PATH is not set", async () => {
    await writeConfig("");
    const config = await load();
    expect(config.customRouter).toBeUndefined();
    expect(config.customRouterPath).toBeUndefined();
  });

  test("reports a syntax error in the script as a ConfigError naming the file and the line", async () => {
    const file = join(home, "broken.js");
    await writeFile(file, "module.exports = function (req {\n  return 1;\n};\n");
    await writeConfig(file);
    const err = await loadError();
    expect(err.message).toStartWith(`Cannot load custom router ${file}: `);
    expect(err.message).toContain("line 1");
    expect(err.message).not.toContain("\n");
  });

  test("reports a missing script as a ConfigError naming the file", async () => {
    await writeConfig("./nowhere.js");
    const err = await loadError();
    expect(err.message).toBe(`Cannot load custom router ${join(home, "nowhere.js")}: file not found`);
  });

  test("reports a script that exports no function", async () => {
    await writeFile(join(home, "object.ts"), "export const routes = { default: 'mock,m1' };");
    await writeConfig("object.ts");
    const err = await loadError();
    expect(err.message).toContain(join(home, "object.ts"));
    expect(err.message).toContain("exports no router function");
  });

  test("reports an error thrown while the script loads, on one line", async () => {
    await writeFile(join(home, "throws.js"), 'throw new Error("router setup failed\\nsecond line");');
    await writeConfig("throws.js");
    const err = await loadError();
    expect(err.message).toBe(`Cannot load custom router ${join(home, "throws.js")}: router setup failed`);
  });
});
