import { describe, expect, test } from "bun:test";
import { maskSecrets } from "../../src/config/mask.ts";

describe("maskSecrets", () => {
  test("shows only the last 4 characters of a long literal key", () => {
    expect(maskSecrets({ api_key: "sk-live-0123456789abcd" })).toEqual({ api_key: "****abcd" });
  });

  test("hides a secret shorter than 12 characters completely", () => {
    expect(maskSecrets({ APIKEY: "short-pass1" })).toEqual({ APIKEY: "****" });
  });

  test("keeps whole $VAR and ${VAR} references as written", () => {
    const doc = { api_key: "$DEEPSEEK_API_KEY", APIKEY: "${Router_Key}" };
    expect(maskSecrets(doc)).toEqual(doc);
  });

  test("masks a value that only contains a reference among literal text, and a lower-case $name (which stays literal)", () => {
    expect(maskSecrets({ token: "Bearer-literal-$TOKEN", password: "$lowercase-password" })).toEqual({
      token: "****OKEN",
      password: "****word",
    });
  });

  test("masks the named keys and any key mentioning key, token, secret or password, in any case", () => {
    const secret = "abcdefghijklmnop";
    const doc = { OPENAI_API_KEY: secret, credentials: secret, accessToken: secret, CLIENT_SECRET: secret, Password: secret };
    expect(maskSecrets(doc)).toEqual({
      OPENAI_API_KEY: "****mnop",
      credentials: "****mnop",
      accessToken: "****mnop",
      CLIENT_SECRET: "****mnop",
      Password: "****mnop",
    });
  });

  test("masks every string nested under a secret key and leaves its numbers alone", () => {
    const doc = { credentials: { client_email: "robot@example.iam.gserviceaccount.com", ids: ["0123456789abcdef"], n: 3 } };
    expect(maskSecrets(doc)).toEqual({ credentials: { client_email: "****.com", ids: ["****cdef"], n: 3 } });
  });

  test("finds secret keys inside provider arrays and leaves everything else as written", () => {
    const doc = {
      Providers: [
        {
          name: "deepseek",
          api_base_url: "https://api.deepseek.com/chat/completions",
          api_key: "sk-0123456789abcdef",
          models: ["deepseek-chat"],
          transformer: { use: ["deepseek"], "deepseek-chat": { use: [["maxtoken", { max_tokens: 8192 }], "tooluse"] } },
        },
      ],
      Router: { default: "deepseek,deepseek-chat", longContextThreshold: 60000 },
      LOG: true,
    };
    const masked = maskSecrets(doc);
    expect(masked).toEqual({
      ...doc,
      Providers: [{ ...doc.Providers[0], api_key: "****cdef" }],
    });
  });

  test("keeps an empty key empty, since it reveals nothing and is not a key being set", () => {
    expect(maskSecrets({ api_key: "" })).toEqual({ api_key: "" });
  });

  test("returns a new document and leaves its input untouched", () => {
    const doc = { Providers: [{ api_key: "sk-0123456789abcdef" }] };
    const before = structuredClone(doc);
    const masked = maskSecrets(doc);
    expect(doc).toEqual(before);
    expect(masked).not.toBe(doc);
  });

  test("keeps a __proto__ key an ordinary own property", () => {
    const doc = JSON.parse('{"__proto__": {"api_key": "sk-0123456789abcdef"}}');
    const masked = maskSecrets(doc);
    expect(JSON.stringify(masked)).toBe('{"__proto__":{"api_key":"****cdef"}}');
  });

  test("hides a proxy URL that carries a password, and leaves one without a password readable", () => {
    const masked = maskSecrets({ PROXY_URL: "http://me:pa55word-secret@proxy.example:8080", HTTPS_PROXY: "http://proxy.example:3128" });
    expect(JSON.stringify(masked)).not.toContain("pa55word-secret");
    expect(masked).toEqual({ PROXY_URL: "****8080", HTTPS_PROXY: "http://proxy.example:3128" });
  });

  test("hides transformer options named like credentials (authorization, credential, passphrase, cookie)", () => {
    const doc = { options: { authorization: "Bearer opt-auth-abcdef12", client_credentials: "cc-abcdef123456", passphrase: "pp-abcdef123456", cookie: "ck-abcdef123456" } };
    expect(JSON.stringify(maskSecrets(doc))).not.toMatch(/abcdef12/);
  });

    test("passes through scalars and null", () => {
    expect(maskSecrets(null)).toBe(null);
    expect(maskSecrets(42)).toBe(42);
    expect(maskSecrets("sk-0123456789abcdef")).toBe("sk-0123456789abcdef");
  });
});
