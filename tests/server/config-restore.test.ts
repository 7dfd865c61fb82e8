import { describe, expect, test } from "bun:test";
import { maskSecrets } from "../../src/config/mask.ts";
import { lockedKeyChanges, restoreSecrets } from "../../src/server/config-restore.ts";

const saved = {
  APIKEY: [{ name: "ci", key: "ci-key-abcdefgh1234" }],
  Providers: [
    { name: "a", api_key: "sk-aaaaaaaaaaaa1111" },
    { name: "b", api_key: "$B_KEY" },
  ],
  transformers: [{ path: "/x.js", options: { token: "tok-zzzzzzzzzz9999" } }],
};

describe("restoreSecrets", () => {
  test("turns the masked document back into the saved one", () => {
    const { document, issues } = restoreSecrets(maskSecrets(saved), saved);
    expect(issues).toEqual([]);
    expect(document).toEqual(saved);
  });
  test("keeps a newly typed secret and a new $VAR reference as sent", () => {
    const next = { ...(maskSecrets(saved) as Record<string, unknown>), Providers: [{ name: "a", api_key: "sk-new-key-5555" }, { name: "b", api_key: "$OTHER" }] };
    const { document } = restoreSecrets(next, saved);
    expect((document as typeof saved).Providers.map((p) => p.api_key)).toEqual(["sk-new-key-5555", "$OTHER"]);
  });
  test("reports a mask with no saved secret behind it by its key path", () => {
    const { issues } = restoreSecrets({ Providers: [{ name: "c", api_key: "****0000" }] }, saved);
    expect(issues.map((i) => i.path)).toEqual(["Providers[0].api_key"]);
  });
  test("never restores a secret into a key of another name", () => {
    const { issues } = restoreSecrets({ OPENAI_API_KEY: "****1111", Providers: [] }, saved);
    expect(issues.map((i) => i.path)).toEqual(["OPENAI_API_KEY"]);
  });
  test("refuses to send a provider's saved key to the new host when its api_base_url changes host", () => {
    const before = { Providers: [{ name: "a", api_base_url: "https://api.vendor.example/v1", api_key: "sk-aaaaaaaaaaaa1111" }] };
    const next = { Providers: [{ name: "a", api_base_url: "https://attacker.example/v1", api_key: "****1111" }] };
    const { document, issues } = restoreSecrets(next, before);
    expect(issues.map((i) => i.path)).toEqual(["Providers[0].api_key"]);
    expect(issues[0]?.message).toContain("another host");
    expect(JSON.stringify(document)).not.toContain("sk-aaaaaaaaaaaa1111");
  });
  test("keeps a provider's saved key when only the path or scheme of its api_base_url changes", () => {
    const before = { Providers: [{ name: "a", api_base_url: "http://api.vendor.example/v1", api_key: "sk-aaaaaaaaaaaa1111" }] };
    const next = { Providers: [{ name: "a", api_base_url: "https://api.vendor.example/v1/chat/completions", api_key: "****1111" }] };
    const { document, issues } = restoreSecrets(next, before);
    expect(issues).toEqual([]);
    expect(JSON.stringify(document)).toContain("sk-aaaaaaaaaaaa1111");
  });
  test("refuses a masked key copied into another provider at another host", () => {
    const before = { Providers: [{ name: "a", api_base_url: "https://api.vendor.example/v1", api_key: "sk-aaaaaaaaaaaa1111" }] };
    const next = {
      Providers: [
        { name: "a", api_base_url: "https://api.vendor.example/v1", api_key: "****1111" },
        { name: "evil", api_base_url: "https://attacker.example/v1", api_key: "****1111" },
      ],
    };
    const { document, issues } = restoreSecrets(next, before);
    expect(issues.map((i) => i.path)).toEqual(["Providers[1].api_key"]);
    expect(JSON.stringify(document).split("sk-aaaaaaaaaaaa1111").length).toBe(2);
  });
  test("follows a renamed provider that stays at the same host", () => {
    const before = { Providers: [{ name: "a", api_base_url: "https://api.vendor.example/v1", api_key: "sk-aaaaaaaaaaaa1111" }] };
    const next = { Providers: [{ name: "renamed", api_base_url: "https://api.vendor.example/v1", api_key: "****1111" }] };
    const { document, issues } = restoreSecrets(next, before);
    expect(issues).toEqual([]);
    expect(JSON.stringify(document)).toContain("sk-aaaaaaaaaaaa1111");
  });
  test("masks a proxy URL with a password and restores it unchanged", () => {
    const before = { PROXY_URL: "http://me:proxy-password-42@proxy.example:8080" };
    const shown = maskSecrets(before);
    expect(JSON.stringify(shown)).not.toContain("proxy-password-42");
    const { document, issues } = restoreSecrets(shown, before);
    expect(issues).toEqual([]);
    expect(document).toEqual(before);
  });
});

describe("lockedKeyChanges", () => {
  test("names each changed script or program path and nothing else", () => {
    const next = { ...saved, CUSTOM_ROUTER_PATH: "/tmp/r.js", Router: { default: "a,b" } };
    expect(lockedKeyChanges(next, saved).map((i) => i.path)).toEqual(["CUSTOM_ROUTER_PATH"]);
    expect(lockedKeyChanges(saved, saved)).toEqual([]);
  });
});
