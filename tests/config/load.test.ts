import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import { ccrHome, configPath } from "../../src/config/paths.ts";
import { ConfigError } from "../../src/errors.ts";

let home = "";

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-load-"));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function loadError(env: Record<string, string>): Promise<ConfigError> {
  try {
    await loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("paths", () => {
  test("uses CCR_HOME, else ~/.claude-code-router", () => {
    expect(ccrHome({ CCR_HOME: "/tmp/x", HOME: "/home/me" })).toBe("/tmp/x");
    expect(configPath({ HOME: "/home/me" })).toBe("/home/me/.claude-code-router/config.json");
    expect(configPath({ USERPROFILE: "C:/Users/me" })).toBe("C:/Users/me/.claude-code-router/config.json");
  });
});

describe("loadConfig", () => {
  test("reads JSONC with comments, trailing commas and variables from the ccr home", async () => {
    const text = `{
      // DeepSeek through its OpenAI-compatible endpoint
      "Providers": [
        {
          "name": "deepseek",
          "api_base_url": "https://api.deepseek.com/chat/completions",
          "api_key": "$DEEPSEEK_API_KEY", /* from the environment */
          "models": ["deepseek-chat",],
        },
      ],
      "Router": { "default": "deepseek,deepseek-chat", },
    }`;
    await writeFile(join(home, "config.json"), text);
    const config = await loadConfig({ CCR_HOME: home, DEEPSEEK_API_KEY: "sk-live-0123" });
    expect(config.path).toBe(join(home, "config.json"));
    expect(config.providers.get("deepseek")?.apiKey).toBe("sk-live-0123");
    expect(config.router.default).toEqual({ provider: "deepseek", model: "deepseek-chat" });
    expect(config.secrets).toEqual(["sk-live-0123"]);
    expect(JSON.stringify(config.raw)).toContain('"$DEEPSEEK_API_KEY"');
  });

  test("names the file, line and column of a syntax error", async () => {
    await writeFile(join(home, "config.json"), '{\n  "PORT": 3456,\n  "HOST": localhost\n}');
    const err = await loadError({ CCR_HOME: home });
    expect(err.message).toBe(`Cannot parse ${join(home, "config.json")} (line 3, column 11): unexpected "l", expected a value`);
    expect(err.issues).toEqual([{ path: `${join(home, "config.json")}:3:11`, message: 'unexpected "l", expected a value' }]);
  });

  test("names the file in validation errors", async () => {
    await writeFile(join(home, "config.json"), '{ "PORT": "high" }');
    const err = await loadError({ CCR_HOME: home });
    expect(err.message.split("\n")[0]).toBe(`Invalid config at ${join(home, "config.json")}:`);
  });

  test("returns defaults and a warning for a missing file, without creating it", async () => {
    const config = await loadConfig({ CCR_HOME: home });
    expect(config.providers.size).toBe(0);
    expect(config.port).toBe(3456);
    expect(config.warnings[0]).toContain(join(home, "config.json"));
    expect(config.warnings[0]).toContain("running with no providers until that file exists");
    expect(config.warnings[0]).toContain('create it with "ccr init"');
    expect(await readdir(home)).toEqual([]);
  });
});
