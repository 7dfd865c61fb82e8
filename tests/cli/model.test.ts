import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter } from "../helpers/scripted-prompter.ts";

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONFIG = `{
  // a comment the save cannot keep
  "Providers": [
    { "name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions", "api_key": "$DEEPSEEK_API_KEY", "models": ["deepseek-chat", "deepseek-reasoner"] },
    { "name": "ollama", "api_base_url": "http://localhost:11434/v1/chat/completions", "api_key": "", "models": ["qwen3-coder:30b"] },
  ],
  "Router": { "default": "deepseek,deepseek-chat", "longContextThreshold": 60000 },
}`;

function home(text: string | null = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-model-"));
  homes.push(dir);
  if (text !== null) writeFileSync(join(dir, "config.json"), text);
  return dir;
}

async function model(dir: string, args: string[]) {
  const fake = fakeIo({ env: { HOME: dir, CCR_HOME: dir } });
  const code = await runCli(["model", ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

const saved = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const backups = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".bak"));

describe("ccr model without a terminal", () => {
  test("prints the slots and providers and names the flags that change them", async () => {
    const dir = home();
    const { code, stdout, stderr } = await model(dir, []);
    expect(code).toBe(0);
    expect(stdout).toContain("  default      deepseek,deepseek-chat\n");
    expect(stdout).toContain("  think        (unset)\n");
    expect(stdout).toContain("  deepseek: deepseek-chat, deepseek-reasoner\n");
    expect(stderr).toContain("--set SLOT=PROVIDER,MODEL");
    expect(backups(dir)).toEqual([]);
  });

  test("does not ask under CI=true even in a terminal, and says why rather than claiming there is no terminal", async () => {
    const dir = home();
    const script = scriptedPrompter([]);
    const fake = fakeIo({ env: { HOME: dir, CCR_HOME: dir, CI: "true" }, prompter: script.prompter });
    expect(await runCli(["model"], fake.io)).toBe(0);
    expect(script.asked).toEqual([]);
    expect(fake.stderr()).toStartWith("ccr model: not asking (no terminal, CI or NON_INTERACTIVE_MODE); change the config with flags: --set");
  });

  test("sets several slots in one save, keeping $VAR references and backing up the old file", async () => {
    const dir = home();
    const { code, stdout } = await model(dir, ["--set", "think=deepseek,deepseek-reasoner", "--set=background=ollama,qwen3-coder:30b"]);
    expect(code).toBe(0);
    const doc = saved(dir);
    expect(doc.Router).toEqual({ default: "deepseek,deepseek-chat", longContextThreshold: 60000, think: "deepseek,deepseek-reasoner", background: "ollama,qwen3-coder:30b" });
    expect(doc.Providers[0].api_key).toBe("$DEEPSEEK_API_KEY");
    expect(backups(dir)).toHaveLength(1);
    expect(stdout).toContain("Comments and trailing commas of the old file are not kept");
    expect(stdout).toContain("no restart needed");
  });

  test("adds a model and routes a slot to it in the same call", async () => {
    const dir = home();
    expect((await model(dir, ["--add-model", "ollama,gpt-oss:20b", "--set", "default=ollama,gpt-oss:20b"])).code).toBe(0);
    expect(saved(dir).Providers[1].models).toEqual(["qwen3-coder:30b", "gpt-oss:20b"]);
    expect(saved(dir).Router.default).toBe("ollama,gpt-oss:20b");
  });

  test("clears a slot with SLOT=", async () => {
    const dir = home();
    expect((await model(dir, ["--set", "default="])).code).toBe(0);
    expect(saved(dir).Router.default).toBeUndefined();
  });

  test("refuses a change that would not load, and writes nothing", async () => {
    const dir = home();
    const { code, stderr } = await model(dir, ["--set", "default=deepseek,not-listed"]);
    expect(code).toBe(1);
    expect(stderr).toContain('Router.default: model "not-listed" is not listed in the models of provider "deepseek"');
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(CONFIG);
    expect(backups(dir)).toEqual([]);
  });

  test("explains malformed flags with the expected form", async () => {
    const dir = home();
    expect((await model(dir, ["--set", "fastest=deepseek,deepseek-chat"])).stderr).toContain("SLOT one of default, background");
    expect((await model(dir, ["--set", "default=deepseek"])).stderr).toContain("expected PROVIDER,MODEL");
    expect((await model(dir, ["--add-model", "nobody,m"])).stderr).toContain('unknown provider "nobody" (configured: deepseek, ollama)');
    expect((await model(dir, ["--set"])).stderr).toContain("--set: expected a value (flags: --set SLOT=PROVIDER,MODEL");
    expect((await model(dir, ["--sett", "x"])).stderr).toContain('unknown flag "--sett"');
    expect(backups(dir)).toEqual([]);
  });

  test("does not block an edit on problems the config already had (a $VAR unset in this shell)", async () => {
    const dir = home();
    const { code } = await model(dir, ["--set", "think=ollama,qwen3-coder:30b"]);
    expect(code).toBe(0);
  });

  test("lists an empty setup when there is no config file, and creates none for a refused edit", async () => {
    const dir = home(null);
    expect((await model(dir, ["--list"])).stdout).toContain("Providers:\n  (none)");
    expect((await model(dir, ["--set", "default=x,y"])).stderr).toContain('unknown provider "x"');
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});
