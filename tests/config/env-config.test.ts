import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configFromEnv } from "../../src/config/env-config.ts";
import { loadConfig } from "../../src/config/load.ts";
import { ConfigError } from "../../src/errors.ts";

function envError(env: Record<string, string>): ConfigError {
  try {
    configFromEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("configFromEnv", () => {
  test("returns undefined when no ccr variable is set, even with OPENAI_API_KEY in the shell", () => {
    expect(configFromEnv({ HOME: "/home/me", PATH: "/usr/bin", OPENAI_API_KEY: "sk-x", CCR_PROVIDER: "" })).toBeUndefined();
  });

  test("describes one provider from CCR_BASE_URL, CCR_MODEL and CCR_API_KEY, keeping the key a reference", () => {
    const doc = configFromEnv({ CCR_BASE_URL: "http://127.0.0.1:8000/v1/chat/completions", CCR_MODEL: "qwen", CCR_API_KEY: "sk-secret" });
    expect(doc).toEqual({
      Providers: [{ name: "env", api_base_url: "http://127.0.0.1:8000/v1/chat/completions", api_key: "$CCR_API_KEY", models: ["qwen"] }],
      Router: { default: "env,qwen" },
    });
    expect(JSON.stringify(doc)).not.toContain("sk-secret");
  });

  test("fills endpoint, transformer and model from a preset named by CCR_PROVIDER", () => {
    const doc = configFromEnv({ CCR_PROVIDER: "DeepSeek", CCR_API_KEY: "sk-1" });
    expect(doc).toEqual({
      Providers: [
        {
          name: "deepseek",
          api_base_url: "https://api.deepseek.com/chat/completions",
          api_key: "$CCR_API_KEY",
          models: ["deepseek-chat"],
          transformer: { use: ["deepseek"] },
        },
      ],
      Router: { default: "deepseek,deepseek-chat" },
    });
  });

  test("lists every model of CCR_MODEL and routes to the first", () => {
    const doc = configFromEnv({ CCR_PROVIDER: "deepseek", CCR_MODEL: "deepseek-reasoner, deepseek-chat", DEEPSEEK_API_KEY: "k" });
    expect(doc?.Router).toEqual({ default: "deepseek,deepseek-reasoner" });
    expect(JSON.stringify(doc?.Providers)).toContain('"models":["deepseek-reasoner","deepseek-chat"]');
    // The preset's conventional key variable is used when CCR_API_KEY is not set.
    expect(JSON.stringify(doc?.Providers)).toContain('"api_key":"$DEEPSEEK_API_KEY"');
  });

  test("reads the key from the variable CCR_API_KEY_ENV names", () => {
    const doc = configFromEnv({ CCR_PROVIDER: "groq", CCR_API_KEY_ENV: "MY_GROQ", MY_GROQ: "gsk" });
    expect(JSON.stringify(doc?.Providers)).toContain('"api_key":"$MY_GROQ"');
  });

  test("maps CCR_APIKEY, CCR_HOST and CCR_LOG_LEVEL to the server keys", () => {
    const doc = configFromEnv({ CCR_PROVIDER: "ollama", CCR_APIKEY: "client-key", CCR_HOST: "0.0.0.0", CCR_LOG_LEVEL: "debug" });
    expect(doc).toMatchObject({ APIKEY: "$CCR_APIKEY", HOST: "0.0.0.0", LOG_LEVEL: "debug", Router: { default: "ollama,qwen3-coder:30b" } });
  });

  test("passes CCR v1's OPENAI_* trio through when OPENAI_MODEL is set", () => {
    expect(configFromEnv({ OPENAI_API_KEY: "sk", OPENAI_BASE_URL: "http://x/v1", OPENAI_MODEL: "gpt" })).toEqual({
      OPENAI_API_KEY: "$OPENAI_API_KEY",
      OPENAI_BASE_URL: "$OPENAI_BASE_URL",
      OPENAI_MODEL: "$OPENAI_MODEL",
    });
  });

  test("names the missing variables when neither a preset nor CCR_BASE_URL gives an endpoint", () => {
    const err = envError({ CCR_PROVIDER: "mystery" });
    expect(err.issues.map((i) => i.path)).toEqual(["env CCR_BASE_URL", "env CCR_MODEL"]);
    expect(err.message).toContain('CCR_PROVIDER="mystery" is not a preset');
  });

  test("says the config comes from the environment, since there is no file to name", () => {
    expect(envError({ CCR_PROVIDER: "mystery" }).message).toStartWith("Invalid config from the environment (there is no config file):\n  env CCR_BASE_URL:");
  });

  test("refuses a CCR_BASE_URL that is not an http(s) URL, naming the variable", () => {
    for (const url of ["api.deepseek.com/chat/completions", "ftp://x/v1", "https://", "http:// spaced"]) {
      const err = envError({ CCR_BASE_URL: url, CCR_MODEL: "m" });
      expect(err.issues).toEqual([{ path: "env CCR_BASE_URL", message: `expected an http:// or https:// URL, got ${JSON.stringify(url)}` }]);
    }
    expect(configFromEnv({ CCR_BASE_URL: "HTTP://127.0.0.1:8000/v1/chat/completions", CCR_MODEL: "m" })).toBeDefined();
  });

  test("falls back to the preset's model when CCR_MODEL is empty or only commas, and requires one without a preset", () => {
    for (const model of ["", "  ", ", ,"]) {
      expect(configFromEnv({ CCR_PROVIDER: "deepseek", CCR_API_KEY: "k", CCR_MODEL: model })).toMatchObject({ Router: { default: "deepseek,deepseek-chat" } });
      expect(envError({ CCR_BASE_URL: "http://x/v1", CCR_MODEL: model }).issues.map((i) => i.path)).toEqual(["env CCR_MODEL"]);
    }
  });

  test("refuses a preset that needs a key when none is set", () => {
    const err = envError({ CCR_PROVIDER: "openrouter" });
    expect(err.message).toContain("env CCR_API_KEY: CCR_PROVIDER=openrouter needs a key: set CCR_API_KEY (or OPENROUTER_API_KEY)");
  });

  test("refuses a CCR_API_KEY_ENV that is not a set variable name", () => {
    expect(envError({ CCR_BASE_URL: "http://x/v1", CCR_MODEL: "m", CCR_API_KEY_ENV: "NOPE" }).message).toContain("names NOPE, which is not set");
    expect(envError({ CCR_BASE_URL: "http://x/v1", CCR_MODEL: "m", CCR_API_KEY_ENV: "$X" }).message).toContain("expected a variable name");
  });
});

describe("loadConfig without a config file", () => {
  let home = "";
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), "ccr-env-config-"));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  test("compiles the environment's provider with its key resolved and no missing-file warning", async () => {
    const config = await loadConfig({ CCR_HOME: home, CCR_PROVIDER: "deepseek", CCR_API_KEY: "sk-live-0123", CCR_APIKEY: "client" });
    expect(config.providers.get("deepseek")?.apiKey).toBe("sk-live-0123");
    expect(config.router.default).toEqual({ provider: "deepseek", model: "deepseek-chat" });
    expect(config.secrets).toContain("sk-live-0123");
    expect(config.warnings).toEqual([]);
    expect(config.path).toBeUndefined();
  });

  test("prefers the config file over the environment when both exist", async () => {
    const file = { Providers: [{ name: "file", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "", models: ["m"] }] };
    await writeFile(join(home, "config.json"), JSON.stringify({ ...file, Router: { default: "file,m" } }));
    const config = await loadConfig({ CCR_HOME: home, CCR_PROVIDER: "deepseek", CCR_API_KEY: "sk-live" });
    expect([...config.providers.keys()]).toEqual(["file"]);
  });

  test("still warns about the missing file when the environment names no provider", async () => {
    const config = await loadConfig({ CCR_HOME: home });
    expect(config.providers.size).toBe(0);
    expect(config.warnings[0]).toStartWith("No config file at");
  });
});
