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
});

describe("lockedKeyChanges", () => {
  test("names each changed script or program path and nothing else", () => {
    const next = { ...saved, CUSTOM_ROUTER_PATH: "/tmp/r.js", Router: { default: "a,b" } };
    expect(lockedKeyChanges(next, saved).map((i) => i.path)).toEqual(["CUSTOM_ROUTER_PATH"]);
    expect(lockedKeyChanges(saved, saved)).toEqual([]);
  });
});
