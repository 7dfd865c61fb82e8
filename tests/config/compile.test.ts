import { describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";

const deepseek = {
  name: "deepseek",
  api_base_url: "https://api.deepseek.com/chat/completions",
  api_key: "sk-deepseek",
  models: ["deepseek-chat", "deepseek-reasoner"],
};

describe("compileConfig defaults", () => {
  test("fills CCR v1 defaults for an empty document", () => {
    const config = compileConfig({}, {});
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(3456);
    expect(config.timeoutMs).toBe(600_000);
    expect(config.log).toBe(true);
    expect(config.logLevel).toBe("info");
    expect(config.bodyLimit).toBe(32 * 1024 * 1024);
    expect(config.router.longContextThreshold).toBe(60_000);
    expect(config.providers.size).toBe(0);
    expect(config.apiKey).toBeUndefined();
  });

  test("reads every scalar key, with numbers and booleans accepted as strings from variables", () => {
    const doc = {
      HOST: "0.0.0.0",
      PORT: "$PORT_NO",
      APIKEY: "secret",
      API_TIMEOUT_MS: 1000,
      LOG: "false",
      LOG_LEVEL: "debug",
      BODY_LIMIT_MB: 4,
    };
    const config = compileConfig(
      { ...doc, NON_INTERACTIVE_MODE: true, CUSTOM_ROUTER_PATH: "/r.js", CLAUDE_PATH: "/bin/claude" },
      { PORT_NO: "4000" },
    );
    expect([config.host, config.port, config.apiKey, config.timeoutMs, config.log]).toEqual(["0.0.0.0", 4000, "secret", 1000, false]);
    expect([config.logLevel, config.bodyLimit, config.nonInteractive]).toEqual(["debug", 4 * 1024 * 1024, true]);
    expect([config.customRouterPath, config.claudePath]).toEqual(["/r.js", "/bin/claude"]);
  });

  test("lets SERVICE_PORT override PORT", () => {
    expect(compileConfig({ PORT: 5000 }, { SERVICE_PORT: "6000" }).port).toBe(6000);
  });

  test("uses PROXY_URL, else the proxy environment variables, and splits NO_PROXY", () => {
    expect(compileConfig({ PROXY_URL: "http://proxy:1" }, { HTTPS_PROXY: "http://env:2" }).proxyUrl).toBe("http://proxy:1");
    const fromEnv = compileConfig({}, { http_proxy: "http://env:3", no_proxy: "localhost, 127.0.0.1,,.internal" });
    expect(fromEnv.proxyUrl).toBe("http://env:3");
    expect(fromEnv.noProxy).toEqual(["localhost", "127.0.0.1", ".internal"]);
  });

  test("keeps StatusLine, fallback and custom transformer entries", () => {
    const config = compileConfig(
      {
        Providers: [deepseek],
        StatusLine: { enabled: true, currentStyle: "default" },
        fallback: { default: ["deepseek,deepseek-reasoner"] },
        transformers: [{ path: "/p/t.js", options: { a: 1 } }],
      },
      {},
    );
    expect(config.statusLine).toEqual({ enabled: true, currentStyle: "default" });
    expect(config.fallback).toEqual({ default: [{ provider: "deepseek", model: "deepseek-reasoner" }] });
    expect(config.customTransformers).toEqual([{ path: "/p/t.js", options: { a: 1 } }]);
  });
});

describe("compileConfig providers and routes", () => {
  test("compiles Router values into provider and model pairs", () => {
    const config = compileConfig(
      {
        Providers: [deepseek],
        Router: { default: "deepseek,deepseek-chat", think: "deepseek,deepseek-reasoner", longContextThreshold: 1000 },
      },
      {},
    );
    expect(config.router.default).toEqual({ provider: "deepseek", model: "deepseek-chat" });
    expect(config.router.think).toEqual({ provider: "deepseek", model: "deepseek-reasoner" });
    expect(config.router.background).toBeUndefined();
    expect(config.router.longContextThreshold).toBe(1000);
  });

  test("accepts the lower-case providers alias", () => {
    expect([...compileConfig({ providers: [deepseek] }, {}).providers.keys()]).toEqual(["deepseek"]);
  });

  test("registers a provider with an empty api_key (Ollama)", () => {
    const ollama = { name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", api_key: "", models: ["qwen3"] };
    const config = compileConfig({ Providers: [ollama], Router: { default: "ollama,qwen3" } }, {});
    expect(config.providers.get("ollama")?.apiKey).toBe("");
    expect(config.router.default).toEqual({ provider: "ollama", model: "qwen3" });
    expect(config.secrets).toEqual([]);
  });

  test("collects every resolved provider key and the APIKEY as secrets", () => {
    const other = { ...deepseek, name: "other", api_key: "${OTHER_KEY}" };
    const config = compileConfig({ Providers: [deepseek, other], APIKEY: "client-key" }, { OTHER_KEY: "sk-other" });
    expect([...config.secrets].sort()).toEqual(["client-key", "sk-deepseek", "sk-other"]);
    expect(config.providers.get("other")?.apiKey).toBe("sk-other");
  });

  test("synthesizes an openai provider from the legacy OPENAI_* shorthand", () => {
    const config = compileConfig({ OPENAI_API_KEY: "$OPENAI_KEY", OPENAI_MODEL: "gpt-4o-mini" }, { OPENAI_KEY: "sk-legacy" });
    const openai = config.providers.get("openai");
    expect(openai?.baseUrl).toBe("https://api.openai.com/v1/chat/completions");
    expect(openai?.apiKey).toBe("sk-legacy");
    expect(openai?.models).toEqual(["gpt-4o-mini"]);
    expect(config.router.default).toEqual({ provider: "openai", model: "gpt-4o-mini" });
  });

  test("uses OPENAI_BASE_URL for the legacy provider and ignores the shorthand when Providers is set", () => {
    const legacy = compileConfig({ OPENAI_BASE_URL: "http://localhost:8000/v1/chat/completions", OPENAI_MODEL: "local" }, {});
    expect(legacy.providers.get("openai")?.baseUrl).toBe("http://localhost:8000/v1/chat/completions");
    const both = compileConfig({ Providers: [deepseek], OPENAI_MODEL: "gpt-4o" }, {});
    expect([...both.providers.keys()]).toEqual(["deepseek"]);
    expect(both.warnings).toContain("OPENAI_MODEL: ignored because Providers is set");
  });
});
