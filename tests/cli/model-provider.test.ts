import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformerOptionsProblem } from "../../src/cli/model-provider.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter, type ScriptedAnswer } from "../helpers/scripted-prompter.ts";

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONFIG = JSON.stringify({
  Providers: [{ name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", api_key: "", models: ["qwen3-coder:30b"] }],
  Router: { default: "ollama,qwen3-coder:30b" },
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-model-p-"));
  homes.push(dir);
  writeFileSync(join(dir, "config.json"), CONFIG);
  return dir;
}

async function run(dir: string, script: readonly ScriptedAnswer[]) {
  const scripted = scriptedPrompter(script);
  const fake = fakeIo({ env: { HOME: dir, CCR_HOME: dir }, prompter: scripted.prompter });
  const code = await runCli(["model"], fake.io);
  expect(scripted.remaining()).toBe(0);
  return { code, scripted };
}

const providers = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).Providers;

describe("ccr model: add a provider", () => {
  test("adds a preset provider keyed by an environment variable, with the preset's transformer", async () => {
    const dir = home();
    const { code, scripted } = await run(dir, [
      { ask: "What do you want to do?", answer: "add-provider" },
      { ask: "Provider", answer: "openrouter" },
      { ask: "Name", answer: "or" },
      { ask: "API key", answer: "env" },
      { ask: "Environment variable holding the key", answer: "OPENROUTER_API_KEY" },
      { ask: "Models", answer: ["qwen/qwen3-coder", "moonshotai/kimi-k2"] },
      { ask: "More model names", answer: "" },
      { ask: "Transformers", answer: ["openrouter"] },
      { ask: "Options for openrouter", answer: '{"provider": {"only": ["cerebras"]}}' },
      { ask: "What do you want to do?", answer: "save" },
    ]);
    expect(code).toBe(0);
    expect(providers(dir)[1]).toEqual({
      name: "or",
      api_base_url: "https://openrouter.ai/api/v1/chat/completions",
      api_key: "$OPENROUTER_API_KEY",
      models: ["qwen/qwen3-coder", "moonshotai/kimi-k2"],
      transformer: { use: [["openrouter", { provider: { only: ["cerebras"] } }]] },
    });
    expect(scripted.shown.at(-1)).toContain("OPENROUTER_API_KEY is not set here");
  });

  test("adds a custom OpenAI-compatible endpoint with a literal key, typed models and no transformer", async () => {
    const dir = home();
    await run(dir, [
      { ask: "What do you want to do?", answer: "add-provider" },
      { ask: "Provider", answer: "custom" },
      { ask: "Name", answer: "lab" },
      { ask: "API base URL", answer: "http://10.0.0.5:8000/v1/chat/completions" },
      { ask: "API key", answer: "literal" },
      { ask: "Key", answer: "sk-lab-123" },
      { ask: "Model names", answer: "big, small" },
      { ask: "Transformers", answer: [] },
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "think" },
      { ask: "Route think to", answer: "lab,big" },
      { ask: "What do you want to do?", answer: "save" },
    ]);
    expect(providers(dir)[1]).toEqual({ name: "lab", api_base_url: "http://10.0.0.5:8000/v1/chat/completions", api_key: "sk-lab-123", models: ["big", "small"] });
  });

  test("keeps the menu open when the result would not load, and writes nothing on quit", async () => {
    const dir = home();
    const { scripted } = await run(dir, [
      { ask: "What do you want to do?", answer: "add-provider" },
      { ask: "Provider", answer: "ollama" },
      { ask: "Name", answer: "local" },
      { ask: "Models", answer: [] },
      { ask: "Model names", answer: "m1" },
      { ask: "Transformers", answer: ["maxtoken"] },
      { ask: "Options for maxtoken", answer: "" },
      { ask: "What do you want to do?", answer: "save" },
      { ask: "What do you want to do?", answer: "quit" },
    ]);
    expect(scripted.shown.join("\n")).toContain("Not saved: the change would make");
    expect(scripted.shown.join("\n")).toContain('Providers[1].transformer.use[0]: transformer "maxtoken"');
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(CONFIG);
  });
});

describe("transformerOptionsProblem", () => {
  test("accepts empty text and options the transformer takes, and explains anything else", () => {
    expect(transformerOptionsProblem("maxtoken", "")).toBeUndefined();
    expect(transformerOptionsProblem("maxtoken", '{"max_tokens": 8192}')).toBeUndefined();
    expect(transformerOptionsProblem("maxtoken", "{max_tokens: 1}")).toStartWith("not JSON");
    expect(transformerOptionsProblem("maxtoken", "[1]")).toContain("JSON object");
    expect(transformerOptionsProblem("maxtoken", '{"max_tokens": "lots"}')).toStartWith("maxtoken refuses these options");
  });
});
