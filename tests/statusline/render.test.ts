import { describe, expect, test } from "bun:test";
import { colorCode, fillTemplate, formatCost, formatTokens, renderStatusLine } from "../../src/statusline/render.ts";
import { statusLineSettings } from "../../src/statusline/settings.ts";
import type { StatusData } from "../../src/statusline/status-data.ts";

const ESC = "\x1b[";
const data: StatusData = {
  model: "deepseek,deepseek-chat",
  inputTokens: 44_150,
  outputTokens: 640,
  contextPercent: 33.4,
  contextWindow: 131_072,
  cost: 0.0421,
  tokensPerSecond: 52.6,
  workDirName: "shop",
  sessionId: "2f6c1f0e-8a7b",
};

describe("renderStatusLine", () => {
  test("shows model, tokens, context, cost and speed in the plain theme without any escape", () => {
    const line = renderStatusLine(data, statusLineSettings({ currentStyle: "plain" }));
    expect(line).toBe("deepseek,deepseek-chat | ↑ 44.1k ↓ 640 | 33% of 131.1k | $0.042 | 53 tok/s");
    expect(line).not.toContain("\x1b");
  });

  test("colours each module in the default theme and resets after it", () => {
    const line = renderStatusLine(data, statusLineSettings(undefined));
    expect(line).toStartWith(`${ESC}96mdeepseek,deepseek-chat${ESC}0m`);
    expect(line).toContain(`${ESC}93m$0.042${ESC}0m`);
    expect(line.replace(/\x1b\[[\d;]*m/g, "")).toBe("deepseek,deepseek-chat ↑ 44.1k ↓ 640 33% of 131.1k $0.042 53 tok/s");
  });

  test("turns the context module yellow, then red, as the window fills", () => {
    const settings = statusLineSettings({ modules: ["context"] });
    expect(renderStatusLine({ ...data, contextPercent: 10 }, settings)).toStartWith(`${ESC}92m`);
    expect(renderStatusLine({ ...data, contextPercent: 70 }, settings)).toStartWith(`${ESC}93m`);
    expect(renderStatusLine({ ...data, contextPercent: 90 }, settings)).toStartWith(`${ESC}91m`);
  });

  test("draws powerline segments with backgrounds and arrows coloured from one segment to the next", () => {
    const line = renderStatusLine(data, statusLineSettings({ currentStyle: "powerline", modules: ["model", "cost"] }));
    expect(line).toBe(
      `${ESC}37;44m deepseek,deepseek-chat ${ESC}0m${ESC}34;48;5;129m\ue0b0${ESC}0m` +
        `${ESC}37;48;5;129m $0.042 ${ESC}0m${ESC}38;5;129;49m\ue0b0${ESC}0m`,
    );
  });

  test("skips modules whose values are unknown", () => {
    const line = renderStatusLine({ model: "Sonnet 4.5" }, statusLineSettings({ currentStyle: "plain" }));
    expect(line).toBe("Sonnet 4.5");
  });

  test("renders only the chosen modules, in the chosen order", () => {
    const line = renderStatusLine(data, statusLineSettings({ currentStyle: "plain", modules: ["speed", "workDir", "session"] }));
    expect(line).toBe("53 tok/s | shop | 2f6c1f0e");
  });

  test("renders CCR v1 modules with their icon, text template and hex colours", () => {
    const settings = statusLineSettings({
      currentStyle: "default",
      default: { modules: [{ type: "model", icon: "M", text: "{{model}}!", color: "#ff0080" }, { type: "usage", text: "in {{inputTokens}}" }] },
    });
    expect(renderStatusLine(data, settings)).toBe(`${ESC}38;2;255;0;128mM deepseek,deepseek-chat!${ESC}0m ${ESC}92min 44.1k${ESC}0m`);
  });

  test("strips control characters from values so a model name cannot inject escapes", () => {
    const line = renderStatusLine({ model: "evil\x1b[2Jmodel" }, statusLineSettings({ currentStyle: "plain" }));
    expect(line).toBe("evil[2Jmodel");
  });
});

describe("fillTemplate", () => {
  test("is empty when every variable it names is unknown, so the module is skipped", () => {
    expect(fillTemplate("ctx {{contextPercent}}%", { contextPercent: "" })).toBe("");
    expect(fillTemplate("{{a}}/{{b}}", { a: "1", b: "" })).toBe("1/");
    expect(fillTemplate("fixed", {})).toBe("fixed");
  });
});

describe("formatting", () => {
  test("shortens token counts and keeps cents visible", () => {
    expect([formatTokens(999), formatTokens(12_345), formatTokens(200_000), formatTokens(1_250_000)]).toEqual(["999", "12.3k", "200k", "1.3M"]);
    expect([formatCost(2.5), formatCost(0.042), formatCost(0.0031), formatCost(0)]).toEqual(["$2.50", "$0.042", "$0.0031", "$0.000"]);
  });

  test("understands CCR colour names, bg_ prefixes and hex", () => {
    expect(colorCode("bright_blue", "fg")).toBe("94");
    expect(colorCode("bg_bright_blue", "bg")).toBe("104");
    expect(colorCode("bg_bright_orange", "bg")).toBe("48;5;202");
    expect(colorCode("#0a0B0c", "fg")).toBe("38;2;10;11;12");
    expect(colorCode("no-such-colour", "fg")).toBeUndefined();
  });
});
