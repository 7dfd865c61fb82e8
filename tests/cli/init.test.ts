import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter } from "../helpers/scripted-prompter.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamScript } from "../helpers/openai-upstream.ts";

const homes: string[] = [];
let upstream: OpenAiUpstream | undefined;

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(existing?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-init-"));
  homes.push(dir);
  if (existing !== undefined) writeFileSync(join(dir, "config.json"), JSON.stringify(existing));
  return dir;
}

function serve(script: UpstreamScript): OpenAiUpstream {
  upstream = startOpenAiUpstream(script);
  return upstream;
}

const chatReply = {
  id: "c1",
  object: "chat.completion",
  model: "m1",
  choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "length" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

async function init(dir: string, args: string[], env: Record<string, string> = {}) {
  const fake = fakeIo({ env: { CCR_HOME: dir, HOME: dir, ...env } });
  const code = await runCli(["init", ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

function written(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
}

describe("ccr init without a terminal", () => {
  test("writes the provider with the key as $VAR and the first model as the default route", async () => {
    const dir = home();
    const r = await init(dir, ["--provider", "deepseek", "--api-key-env", "DEEPSEEK_API_KEY", "--model", "deepseek-chat", "--model", "deepseek-reasoner", "--router", "think=deepseek,deepseek-reasoner", "--no-test"]);
    expect(r.code).toBe(0);
    expect(written(dir)).toEqual({
      Providers: [
        {
          name: "deepseek",
          api_base_url: "https://api.deepseek.com/chat/completions",
          api_key: "$DEEPSEEK_API_KEY",
          models: ["deepseek-chat", "deepseek-reasoner"],
          transformer: { use: ["deepseek"] },
        },
      ],
      Router: { default: "deepseek,deepseek-chat", think: "deepseek,deepseek-reasoner" },
    });
    expect(r.stdout).toContain(`Wrote ${join(dir, "config.json")}`);
    expect(r.stdout).toContain("ccr start");
    expect(r.stdout).toContain("ccr code");
  });

  test("lists the missing flags and writes nothing when answers are missing", async () => {
    const dir = home();
    const none = await init(dir, []);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("missing --provider, --model");
    expect(none.stderr).toContain("--api-key-env VAR");
    const partial = await init(dir, ["--provider", "deepseek"]);
    expect(partial.stderr).toContain("missing --api-key-env (or --api-key), --model");
    const custom = await init(dir, ["--provider", "custom", "--model", "m"]);
    expect(custom.stderr).toContain("missing --base-url");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("never prompts under CI or NON_INTERACTIVE_MODE even in a terminal", async () => {
    for (const env of [{ CI: "true" }, { NON_INTERACTIVE_MODE: "1" }]) {
      const dir = home();
      const script = scriptedPrompter([]);
      const fake = fakeIo({ env: { CCR_HOME: dir, ...env }, prompter: script.prompter });
      expect(await runCli(["init", "--provider", "gemini"], fake.io)).toBe(1);
      expect(fake.stderr()).toContain("missing --api-key-env (or --api-key), --model");
      expect(script.asked).toEqual([]);
    }
  });

  test("refuses to replace an existing config without --force", async () => {
    const dir = home({ PORT: 4000, Providers: [] });
    const r = await init(dir, ["--provider", "ollama", "--model", "qwen3:8b", "--no-test"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("already exists; pass --force");
    expect(written(dir)).toEqual({ PORT: 4000, Providers: [] });
  });

  test("with --force keeps a backup and the other settings, and replaces Providers and Router", async () => {
    const dir = home({ PORT: 4000, APIKEY: "$CCR_KEY", providers: [{ name: "old", api_base_url: "http://x/v1", models: ["a"] }], Router: { default: "old,a", longContextThreshold: 90000 } });
    const r = await init(dir, ["--provider", "ollama", "--model", "qwen3:8b", "--no-test", "--force"]);
    expect(r.code).toBe(0);
    const doc = written(dir);
    expect(doc.PORT).toBe(4000);
    expect(doc.APIKEY).toBe("$CCR_KEY");
    expect(doc.providers).toBeUndefined();
    expect(doc.Providers).toEqual([{ name: "ollama", api_base_url: "http://localhost:11434/v1/chat/completions", api_key: "ollama", models: ["qwen3:8b"] }]);
    expect(doc.Router).toEqual({ default: "ollama,qwen3:8b", longContextThreshold: 90000 });
    const backups = readdirSync(dir).filter((f) => f.endsWith(".bak"));
    expect(backups).toHaveLength(1);
    expect(r.stdout).toContain("The previous file was saved as");
  });

  test("tests the connection through the real pipeline before writing", async () => {
    const up = serve(() => ({ json: chatReply }));
    const dir = home();
    const r = await init(dir, ["--provider", "custom", "--name", "local", "--base-url", up.chatUrl, "--api-key-env", "LOCAL_KEY", "--model", "m1"], { LOCAL_KEY: "sk-local-1" });
    expect(r.code).toBe(0);
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]?.body).toMatchObject({ model: "m1", max_tokens: 1 });
    expect(up.requests[0]?.headers.authorization).toBe("Bearer sk-local-1");
    expect(r.stderr).toContain("local,m1: OK");
    expect((written(dir).Providers as unknown[])[0]).toMatchObject({ name: "local", api_key: "$LOCAL_KEY" });
  });

  test("writes nothing when the connection test fails, and says how to skip it", async () => {
    const up = serve(() => ({ status: 401, json: { error: { message: "Invalid API key" } } }));
    const dir = home();
    const r = await init(dir, ["--provider", "custom", "--base-url", up.chatUrl, "--api-key-env", "LOCAL_KEY", "--model", "m1"], { LOCAL_KEY: "bad" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("connection test failed (custom,m1: 401");
    expect(r.stderr).toContain("Invalid API key");
    expect(r.stderr).toContain("--no-test");
    // Said once, in the error: no spinner line repeating the failure before it.
    expect(r.stderr.split("\n").filter((line) => line.includes("Invalid API key"))).toHaveLength(1);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("fails the test when the key variable is not set in this shell", async () => {
    const dir = home();
    const r = await init(dir, ["--provider", "groq", "--api-key-env", "GROQ_API_KEY", "--model", "openai/gpt-oss-120b"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("environment variable GROQ_API_KEY is not set");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("warns that --api-key stores the key in the file and never prints it", async () => {
    const dir = home();
    const r = await init(dir, ["--provider", "moonshot", "--api-key", "sk-literal-123", "--model", "kimi-k2-0905-preview", "--no-test"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: --api-key stores the key in config.json");
    expect(r.stdout + r.stderr).not.toContain("sk-literal-123");
    expect((written(dir).Providers as { api_key: string }[])[0]?.api_key).toBe("sk-literal-123");
  });

  test("rejects a route to a provider that is not being set up, and a bad slot", async () => {
    const dir = home();
    const other = await init(dir, ["--provider", "ollama", "--model", "a", "--router", "background=deepseek,deepseek-chat", "--no-test"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('provider "deepseek" is not being set up');
    const slot = await init(dir, ["--provider", "ollama", "--model", "a", "--router", "backgrund=ollama,a", "--no-test"]);
    expect(slot.stderr).toBe('ccr init: --router: "backgrund" is not a Router slot, did you mean "background"?\n');
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("asks for slot=provider,model when --router has no '=', rather than calling a real slot unknown", async () => {
    const r = await init(home(), ["--provider", "ollama", "--model", "a", "--router", "background", "--no-test"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ccr init: --router "background": expected slot=provider,model, e.g. background=deepseek,deepseek-chat\n');
  });

  test("rejects an unknown preset with the closest id", async () => {
    const r = await init(home(), ["--provider", "deepsek", "--model", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ccr init: --provider: unknown preset "deepsek", did you mean "deepseek"?\n');
  });

  test("lists the presets when an unknown one is close to none of them", async () => {
    const r = await init(home(), ["--provider", "nope", "--model", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith('ccr init: --provider: unknown preset "nope" (expected one of deepseek, openrouter, ');
  });
});
