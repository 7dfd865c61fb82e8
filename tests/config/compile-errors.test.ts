import { describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import { ConfigError } from "../../src/errors.ts";

const PATH = "/home/me/.claude-code-router/config.json";
const deepseek = { name: "deepseek", api_base_url: "https://api.deepseek.com/chat/completions", api_key: "k", models: ["deepseek-chat"] };
const ollama = { name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", models: ["qwen3"] };

function configError(doc: unknown, env: Record<string, string | undefined> = {}): ConfigError {
  try {
    compileConfig(doc, env, PATH);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("compileConfig errors", () => {
  test("reports every validation problem at once with its key path", () => {
    const err = configError({
      Providers: [deepseek, ollama, { name: "local", api_base_url: "localhost:11434", models: "qwen" }],
      PORT: 99999,
      LOG_LEVEL: "verbose",
      Router: { default: "deepseek-chat" },
    });
    expect(err.issues).toEqual([
      { path: "Providers[2].api_base_url", message: 'expected a URL, got "localhost:11434"' },
      { path: "Providers[2].models", message: 'expected an array of model names, got "qwen"' },
      { path: "Router.default", message: 'expected a "provider,model" string, got "deepseek-chat"' },
      { path: "PORT", message: "expected a port number (1-65535), got 99999" },
      { path: "LOG_LEVEL", message: 'expected one of "fatal", "error", "warn", "info", "debug", "trace", got "verbose"' },
    ]);
  });

  test("starts the message with the file path and puts one problem per line", () => {
    const err = configError({ PORT: "abc", HOST: 1 });
    expect(err.message.split("\n")).toEqual([
      `Invalid config at ${PATH}:`,
      "  HOST: expected a string, got 1",
      '  PORT: expected a port number (1-65535), got "abc"',
    ]);
  });

  test("names an unset variable and where it is used, without a second complaint about the same value", () => {
    const err = configError({ Providers: [{ ...deepseek, api_key: "$DEEPSEEK_API_KEY", api_base_url: "${DEEPSEEK_URL}" }] });
    expect(err.issues).toEqual([
      { path: "Providers[0].api_base_url", message: "environment variable DEEPSEEK_URL is not set" },
      { path: "Providers[0].api_key", message: "environment variable DEEPSEEK_API_KEY is not set" },
    ]);
  });

  test("rejects a route to an unknown provider and lists the configured ones", () => {
    const err = configError({
      Providers: [deepseek, ollama],
      Router: { default: "deepsek,deepseek-chat", think: "deepseek,deepseek-chat" },
    });
    expect(err.issues).toEqual([
      { path: "Router.default", message: 'unknown provider "deepsek" (configured providers: deepseek, ollama)' },
    ]);
  });

  test("rejects a route to a model the provider does not list", () => {
    const err = configError({ Providers: [deepseek], Router: { default: "deepseek,deepseek-v9" } });
    expect(err.issues[0]?.path).toBe("Router.default");
    expect(err.issues[0]?.message).toContain('model "deepseek-v9" is not listed');
  });

  test("rejects duplicate provider names", () => {
    const err = configError({ Providers: [deepseek, ollama, { ...ollama }] });
    expect(err.issues).toEqual([{ path: "Providers[2].name", message: 'duplicate provider name "ollama" (already used by Providers[1])' }]);
  });

  test("rejects an invalid SERVICE_PORT from the environment", () => {
    expect(configError({}, { SERVICE_PORT: "http" }).issues).toEqual([
      { path: "env SERVICE_PORT", message: 'expected a port number (1-65535), got "http"' },
    ]);
  });

  test("requires OPENAI_MODEL when the legacy shorthand is used", () => {
    expect(configError({ OPENAI_API_KEY: "sk" }).issues).toEqual([
      { path: "OPENAI_MODEL", message: "required when OPENAI_API_KEY or OPENAI_BASE_URL is used without Providers" },
    ]);
  });

  test("reports a document that is not an object", () => {
    expect(configError([1, 2]).issues).toEqual([{ path: "(root)", message: "expected a JSON object, got an array" }]);
  });
});

describe("compileConfig warnings", () => {
  test("warns about an unknown key and suggests the likely one", () => {
    const config = compileConfig({ Prividers: [], Router: { defualt: "" }, Providers: [{ ...deepseek, api_url: "x" }] }, {});
    expect(config.warnings).toEqual([
      'unknown key "Prividers" (did you mean "Providers"?)',
      'Providers[0]: unknown key "api_url"',
      'Router: unknown key "defualt" (did you mean "default"?)',
    ]);
  });

  test("adds the warnings as notes when the config is invalid, since a typo often explains the error", () => {
    const err = configError({ Prividers: [deepseek], Router: { default: "deepseek,deepseek-chat" } });
    expect(err.message).toContain('Router.default: unknown provider "deepseek" (no providers are configured)');
    expect(err.message).toContain('note: unknown key "Prividers" (did you mean "Providers"?)');
  });
});

describe("compileConfig errors and secrets", () => {
  test("never quotes a key that was put in the wrong place, literal or from a variable named like a key", () => {
    const err = configError(
      { Providers: [{ ...deepseek, api_key: "sk-literal-0123456789", api_base_url: "$DEEPSEEK_API_KEY" }], LOG_LEVEL: "sk-literal-0123456789", PORT: "$MY_PORT" },
      { DEEPSEEK_API_KEY: "sk-from-env-0123456789", MY_PORT: "eighty" },
    );
    expect(err.message).not.toContain("sk-literal-0123456789");
    expect(err.message).not.toContain("sk-from-env-0123456789");
    expect(JSON.stringify(err.issues)).not.toContain("sk-");
    // A variable whose name says nothing secret is still quoted, so the mistake stays visible.
    expect(err.message).toContain('"eighty"');
  });
});

describe("compileConfig secrets", () => {
  test("lists transformer option secrets and the proxy password, from the config or the environment", () => {
    const fromFile = compileConfig({ PROXY_URL: "http://me:proxy-pass-0123@proxy.example:8080", transformers: [] }, {});
    expect(fromFile.secrets).toContain("proxy-pass-0123");
    const fromEnv = compileConfig({}, { HTTPS_PROXY: "http://me:env-proxy-pass-0123@proxy.example:8080" });
    expect(fromEnv.secrets).toContain("env-proxy-pass-0123");
    const options = compileConfig({ Providers: [{ ...deepseek, transformer: { use: [["maxtoken", { max_tokens: 10 }]] } }], transformers: [{ path: "./t.js", options: { token: "opt-token-0123456789" } }] }, {});
    expect(options.secrets).toContain("opt-token-0123456789");
  });
});
