import { describe, expect, test } from "bun:test";
import { statusLineSettings } from "../../src/statusline/settings.ts";
import { DEFAULT_MODULES } from "../../src/statusline/themes.ts";

const types = (raw: unknown, override?: { theme?: string }) => statusLineSettings(raw, override).modules.map((m) => m.type);

describe("statusLineSettings", () => {
  test("uses the default theme and built-in modules when StatusLine is missing or malformed", () => {
    for (const raw of [undefined, null, 7, "x", [], {}]) {
      expect(statusLineSettings(raw).theme).toBe("default");
      expect(types(raw)).toEqual([...DEFAULT_MODULES]);
    }
  });

  test("reads CCR's currentStyle and that style's modules", () => {
    const raw = { enabled: true, currentStyle: "powerline", default: { modules: [{ type: "model" }] }, powerline: { modules: [{ type: "workDir" }, { type: "usage" }] } };
    expect(statusLineSettings(raw).theme).toBe("powerline");
    expect(types(raw)).toEqual(["workDir", "tokens"]);
  });

  test("accepts our shorter form: a theme name and a list of module names", () => {
    expect(statusLineSettings({ theme: "plain", modules: ["cost", "speed"] }).theme).toBe("plain");
    expect(types({ theme: "plain", modules: ["cost", "speed"] })).toEqual(["cost", "speed"]);
  });

  test("falls back to the default style's modules for plain, and to default for an unknown theme", () => {
    expect(types({ currentStyle: "plain", default: { modules: [{ type: "gitBranch" }] } })).toEqual(["gitBranch"]);
    expect(statusLineSettings({ currentStyle: "neon" }).theme).toBe("default");
  });

  test("drops script modules and unknown names, and keeps custom text modules", () => {
    const raw = { modules: ["model", "nope", { type: "script", scriptPath: "/x.js" }, { type: "banner", text: "hi {{version}}" }] };
    expect(types(raw)).toEqual(["model", "text"]);
  });

  test("lets a command-line theme override the config", () => {
    expect(statusLineSettings({ currentStyle: "powerline" }, { theme: "plain" }).theme).toBe("plain");
  });
});
