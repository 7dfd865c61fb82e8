import { describe, expect, test } from "bun:test";
import { credentialSecrets, documentSecrets, redactableSecrets } from "../../src/config/secret-values.ts";

const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n";

describe("credentialSecrets", () => {
  test("lists an inline service account's private key whole, JSON-escaped and line by line", () => {
    const json = JSON.stringify({ client_email: "a@b", private_key: PEM });
    const secrets = credentialSecrets(json);
    expect(secrets).toContain(PEM);
    expect(secrets).toContain(JSON.stringify(PEM).slice(1, -1));
    expect(secrets).toContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
    expect(secrets).not.toContain("-----END PRIVATE KEY-----");
  });
  test("finds nothing in a file path or broken JSON", () => {
    expect(credentialSecrets("/etc/sa.json")).toEqual([]);
    expect(credentialSecrets("{not json")).toEqual([]);
  });
});

describe("documentSecrets", () => {
  test("lists transformer option secrets, proxy passwords and client keys but not client key names", () => {
    const doc = {
      PROXY_URL: "http://me:pa55word%21secret@proxy.example:8080",
      transformers: [{ path: "./t.ts", options: { apiKey: "opt-key-abcdef123456", authorization: "opt-auth-abcdef12", max_tokens: 100 } }],
      APIKEY: [{ name: "ci-runner-bot", key: "client-key-0123456789" }],
    };
    const secrets = documentSecrets(doc);
    expect(secrets).toContain("opt-key-abcdef123456");
    expect(secrets).toContain("opt-auth-abcdef12");
    expect(secrets).toContain("pa55word!secret");
    expect(secrets).toContain("client-key-0123456789");
    expect(secrets).not.toContain("ci-runner-bot");
  });
  test("keeps a service-account file path readable but lists inline service-account JSON", () => {
    expect(documentSecrets({ options: { credentials: "/home/me/keys/service-account.json" } })).toEqual([]);
    expect(documentSecrets({ options: { credentials: '{"private_key": "abc-0123456789"}' } }).length).toBeGreaterThan(0);
  });
    test("leaves settings whose names only mention tokens alone", () => {
    expect(documentSecrets({ options: { maxTokensField: "max_completion_tokens", max_tokens: "4096" } })).toEqual([]);
  });
  test("skips values too short to be secrets", () => {
    expect(documentSecrets({ options: { cookie: "none" } })).toEqual([]);
  });
});

describe("redactableSecrets", () => {
  const doc = {
    Providers: [
      { name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", api_key: "ollama", models: ["qwen3"] },
      { name: "ds", api_base_url: "https://api.deepseek.com/chat/completions", api_key: "sk-0123456789abcdef", models: ["deepseek-chat"] },
    ],
    Router: { default: "ollama,qwen3" },
  };
  test("leaves out a short placeholder key the config shows anyway, keeping real keys", () => {
    expect(redactableSecrets(["ollama", "sk-0123456789abcdef", ""], doc)).toEqual(["sk-0123456789abcdef"]);
  });
  test("leaves out values too short to be keys (none, test, dummy), which would garble ordinary text", () => {
    expect(redactableSecrets(["none", "test", "dummy", "sk-0123456789abcdef"], doc)).toEqual(["sk-0123456789abcdef"]);
  });
    test("keeps a short key that appears nowhere else in the config", () => {
    expect(redactableSecrets(["hunter22"], doc)).toEqual(["hunter22"]);
  });
});
