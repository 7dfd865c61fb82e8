import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter, type ScriptedAnswer } from "../helpers/scripted-prompter.ts";

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONFIG = JSON.stringify({
  Providers: [
    { name: "deepseek", api_base_url: "https://api.deepseek.com/chat/completions", api_key: "$DEEPSEEK_API_KEY", models: ["deepseek-chat", "deepseek-reasoner"] },
    { name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", api_key: "", models: ["qwen3-coder:30b"] },
  ],
  Router: { default: "deepseek,deepseek-chat" },
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-model-i-"));
  homes.push(dir);
  writeFileSync(join(dir, "config.json"), CONFIG);
  return dir;
}

async function run(dir: string, script: readonly ScriptedAnswer[]) {
  const scripted = scriptedPrompter(script);
  const fake = fakeIo({ env: { HOME: dir, CCR_HOME: dir, DEEPSEEK_API_KEY: "sk-test" }, prompter: scripted.prompter });
  const code = await runCli(["model"], fake.io);
  return { code, stderr: fake.stderr(), scripted };
}

const saved = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const backups = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".bak"));

describe("ccr model in a terminal", () => {
  test("switches a slot to a listed route and saves with a backup", async () => {
    const dir = home();
    const { code, scripted } = await run(dir, [
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "think" },
      { ask: "Route think to", answer: "deepseek,deepseek-reasoner" },
      { ask: "What do you want to do?", answer: "save" },
    ]);
    expect(code).toBe(0);
    expect(scripted.remaining()).toBe(0);
    expect(scripted.shown[0]).toContain("default      deepseek,deepseek-chat");
    expect(scripted.asked[2]?.choices).toEqual(["deepseek,deepseek-chat", "deepseek,deepseek-reasoner", "ollama,qwen3-coder:30b", "(another model…)", "(unset)"]);
    expect(saved(dir).Router).toEqual({ default: "deepseek,deepseek-chat", think: "deepseek,deepseek-reasoner" });
    expect(backups(dir)).toHaveLength(1);
    expect(scripted.shown.at(-1)).toContain("no restart needed");
  });

  test("routes a slot to a model the provider does not list yet, adding it to the provider", async () => {
    const dir = home();
    await run(dir, [
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "background" },
      { ask: "Route background to", answer: "(another model…)" },
      { ask: "Provider of the model", answer: "ollama" },
      { ask: "Model name", answer: "gpt-oss:20b" },
      { ask: "What do you want to do?", answer: "save" },
    ]);
    expect(saved(dir).Router.background).toBe("ollama,gpt-oss:20b");
    expect(saved(dir).Providers[1].models).toEqual(["qwen3-coder:30b", "gpt-oss:20b"]);
  });

  test("adds models to a provider and clears a slot in one session", async () => {
    const dir = home();
    await run(dir, [
      { ask: "What do you want to do?", answer: "add-model" },
      { ask: "Add models to which provider?", answer: "deepseek" },
      { ask: "Model name(s) to add to deepseek", answer: "deepseek-v4, deepseek-v4-lite" },
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "default" },
      { ask: "Route default to", answer: "(unset)" },
      { ask: "What do you want to do?", answer: "save" },
    ]);
    expect(saved(dir).Providers[0].models).toEqual(["deepseek-chat", "deepseek-reasoner", "deepseek-v4", "deepseek-v4-lite"]);
    expect(saved(dir).Router.default).toBeUndefined();
  });

  test("writes nothing when the user presses Escape", async () => {
    const dir = home();
    const { code, stderr } = await run(dir, [
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "think" },
      { ask: "Route think to", cancel: true },
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("cancelled; nothing was changed");
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(CONFIG);
    expect(backups(dir)).toEqual([]);
  });

  test("writes nothing when the user quits after editing", async () => {
    const dir = home();
    const { code, scripted } = await run(dir, [
      { ask: "What do you want to do?", answer: "switch" },
      { ask: "Which slot?", answer: "think" },
      { ask: "Route think to", answer: "ollama,qwen3-coder:30b" },
      { ask: "What do you want to do?", answer: "quit" },
    ]);
    expect(code).toBe(0);
    expect(scripted.shown.at(-1)).toBe("Nothing was saved.");
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(CONFIG);
  });
});
