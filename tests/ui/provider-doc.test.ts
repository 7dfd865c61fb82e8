import { describe, expect, test } from "bun:test";
import { providerPresets } from "../../src/config/presets.ts";
import { entryFromPreset, joinUseItem, parsePresets, splitUseItem, uniqueName } from "../../src/ui/app/provider-doc.ts";
import { describeTest } from "../../src/ui/app/provider-probe.ts";

describe("provider entries", () => {
  test("read every preset the server sends", () => {
    const presets = parsePresets(JSON.parse(JSON.stringify({ presets: providerPresets })));
    expect(presets.map((p) => p.id)).toEqual(providerPresets.map((p) => p.id));
  });

  test("build a new entry from a preset with the key as a variable reference and the preset's transformers", () => {
    const [deepseek] = parsePresets({ presets: [{ id: "deepseek", label: "DeepSeek", api_base_url: "https://api.deepseek.com/chat/completions", transformer: ["deepseek"], models: ["deepseek-chat"], keyEnv: "DEEPSEEK_API_KEY" }] });
    expect(entryFromPreset(deepseek, ["deepseek"])).toEqual({
      name: "deepseek-2",
      api_base_url: "https://api.deepseek.com/chat/completions",
      api_key: "$DEEPSEEK_API_KEY",
      models: ["deepseek-chat"],
      transformer: { use: ["deepseek"] },
    });
    expect(entryFromPreset(undefined, [])).toEqual({ name: "provider", api_base_url: "", api_key: "", models: [] });
  });

  test("pick a name that is not taken and has no commas", () => {
    expect(uniqueName("a,b", [])).toBe("ab");
    expect(uniqueName("x", ["x", "x-2"])).toBe("x-3");
  });

  test("split and join transformer chain items", () => {
    expect(splitUseItem("maxtoken")).toEqual({ name: "maxtoken", options: undefined });
    expect(splitUseItem(["maxtoken", { max_tokens: 10 }])).toEqual({ name: "maxtoken", options: { max_tokens: 10 } });
    expect(joinUseItem("maxtoken", undefined)).toBe("maxtoken");
    expect(joinUseItem("maxtoken", { max_tokens: 10 })).toEqual(["maxtoken", { max_tokens: 10 }]);
  });

  test("describe a connection test's answer or its exact error", () => {
    expect(describeTest({ ok: true, ms: 42, text: "pong" })).toEqual({ ok: true, text: 'OK in 42 ms: "pong"' });
    expect(describeTest({ ok: false, status: 401, message: "Incorrect API key" })).toEqual({ ok: false, text: "HTTP 401: Incorrect API key" });
  });
});
