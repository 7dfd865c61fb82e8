import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ollamaBaseUrl } from "../../src/cli/init-wizard.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { presetById } from "../../src/config/presets.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { scriptedPrompter, type ScriptedAnswer } from "../helpers/scripted-prompter.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamScript } from "../helpers/openai-upstream.ts";

const homes: string[] = [];
let upstream: OpenAiUpstream | undefined;

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(existing?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-init-wizard-"));
  homes.push(dir);
  if (existing !== undefined) writeFileSync(join(dir, "config.json"), JSON.stringify(existing));
  return dir;
}

const chatReply = {
  id: "c1",
  object: "chat.completion",
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "length" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

/** An upstream that is both an Ollama server (/api/tags) and an OpenAI-compatible one. */
function ollamaLike(chat: UpstreamScript = () => ({ json: chatReply })): OpenAiUpstream {
  upstream = startOpenAiUpstream((req, n) =>
    req.path === "/api/tags" ? { json: { models: [{ name: "qwen3:8b" }, { name: "llama3.2:latest" }] } } : chat(req, n),
  );
  return upstream;
}

async function wizard(dir: string, script: readonly ScriptedAnswer[], args: string[] = [], env: Record<string, string> = {}) {
  const scripted = scriptedPrompter(script);
  const fake = fakeIo({ env: { CCR_HOME: dir, ...env }, prompter: scripted.prompter });
  const code = await runCli(["init", ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr(), scripted };
}

describe("ccr init in a terminal", () => {
  test("sets up Ollama from the running server's models and a custom provider, assigns slots, tests and writes", async () => {
    const up = ollamaLike();
    const dir = home();
    const host = new URL(up.url).host;
    const r = await wizard(
      dir,
      [
        { ask: "Which providers", answer: ["ollama", "custom"] },
        { ask: "Models of Ollama", answer: ["qwen3:8b"] },
        { ask: "Name for this provider", answer: "local" },
        { ask: "Endpoint URL", answer: up.chatUrl },
        { ask: "API key", answer: "env" },
        { ask: "Environment variable that holds the key", answer: "LOCAL_KEY" },
        { ask: "Model ids to use", answer: "m1, m2" },
        { ask: "Default model", answer: "local,m1" },
        { ask: "Send some kinds of requests", answer: ["background"] },
        { ask: "Model for background", answer: "ollama,qwen3:8b" },
        { ask: "Write ", answer: true },
      ],
      [],
      { OLLAMA_HOST: host, LOCAL_KEY: "sk-local-9" },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.scripted.remaining()).toBe(0);
    expect(r.scripted.asked[1]?.choices).toEqual(["llama3.2:latest", "qwen3:8b", "__other__"]);
    const doc = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(doc).toEqual({
      Providers: [
        { name: "ollama", api_base_url: `http://${host}/v1/chat/completions`, api_key: "ollama", models: ["qwen3:8b"] },
        { name: "local", api_base_url: up.chatUrl, api_key: "$LOCAL_KEY", models: ["m1", "m2"] },
      ],
      Router: { default: "local,m1", background: "ollama,qwen3:8b" },
    });
    const chats = up.requests.filter((q) => q.path === "/v1/chat/completions");
    expect(chats.map((q) => q.body)).toMatchObject([{ model: "qwen3:8b", max_tokens: 1 }, { model: "m1", max_tokens: 1 }]);
    expect(r.scripted.shown.join("\n")).toContain("local,m1: OK");
    expect(r.scripted.shown.join("\n")).toContain("key from $LOCAL_KEY");
    expect(r.scripted.shown.at(-1)).toContain("ccr start");
  });

  test("writes nothing when Ctrl-C is pressed at a question", async () => {
    const dir = home();
    const r = await wizard(dir, [
      { ask: "Which providers", answer: ["deepseek"] },
      { ask: "API key", cancel: true },
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cancelled; nothing was changed");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("leaves an existing config alone when the user declines to replace it", async () => {
    const dir = home({ PORT: 4000 });
    const r = await wizard(dir, [{ ask: "already exists", answer: false }]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8"))).toEqual({ PORT: 4000 });
  });

  test("asks before writing a config whose connection test failed, and writes nothing on no", async () => {
    const up = ollamaLike(() => ({ status: 404, json: { error: { message: "model not found" } } }));
    const dir = home();
    const r = await wizard(
      dir,
      [
        { ask: "Which providers", answer: ["ollama"] },
        { ask: "Models of Ollama", answer: ["llama3.2:latest"] },
        { ask: "connection test failed. Write the config anyway?", answer: false },
      ],
      [],
      { OLLAMA_HOST: `http://${new URL(up.url).host}` },
    );
    expect(r.code).toBe(1);
    expect(r.scripted.shown.join("\n")).toContain("ollama,llama3.2:latest: failed (404) model not found");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  test("offers to write anyway when the key variable is not set here, so the test cannot run", async () => {
    const dir = home();
    const r = await wizard(dir, [
      { ask: "Which providers", answer: ["deepseek"] },
      { ask: "API key", answer: "env" },
      { ask: "Environment variable that holds the key", answer: "DEEPSEEK_API_KEY" },
      { ask: "Models of DeepSeek", answer: ["deepseek-reasoner", "deepseek-chat"] },
      { ask: "Default model", answer: "deepseek,deepseek-chat" },
      { ask: "Send some kinds of requests", answer: [] },
      { ask: "could not be tested here. Write the config anyway?", answer: true },
    ]);
    expect(r.code).toBe(0);
    expect(r.scripted.shown.join("\n")).toContain("environment variable DEEPSEEK_API_KEY is not set");
    const doc = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(doc.Providers[0]).toMatchObject({ api_key: "$DEEPSEEK_API_KEY", models: ["deepseek-reasoner", "deepseek-chat"] });
    expect(doc.Router).toEqual({ default: "deepseek,deepseek-chat" });
  });

  test("asks only what the flags leave out: a pasted key is stored but never shown", async () => {
    const up = ollamaLike();
    const dir = home();
    const r = await wizard(
      dir,
      [
        { ask: "API key?", answer: "paste" },
        { ask: '"mine" API key', answer: "sk-pasted-77" },
        { ask: "Write ", answer: true },
      ],
      ["--provider", "custom", "--name", "mine", "--base-url", up.chatUrl, "--model", "m1"],
    );
    expect(r.code).toBe(0);
    expect(up.requests.at(-1)?.headers.authorization).toBe("Bearer sk-pasted-77");
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).Providers[0].api_key).toBe("sk-pasted-77");
    expect(r.scripted.shown.join("\n")).not.toContain("sk-pasted-77");
    expect(r.scripted.shown.join("\n")).toContain("key stored in config.json");
  });

  test("takes typed model ids when Other is picked", async () => {
    const dir = home();
    const r = await wizard(
      dir,
      [
        { ask: "Models of Groq", answer: ["__other__"] },
        { ask: "Other model ids", answer: "qwen/qwen3-32b" },
        { ask: "Write ", answer: true },
      ],
      ["--provider", "groq", "--api-key-env", "GROQ_API_KEY", "--no-test"],
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).Providers[0].models).toEqual(["qwen/qwen3-32b"]);
  });

  test("falls back to typed model ids when the Ollama server is not running", async () => {
    const dir = home();
    const r = await wizard(
      dir,
      [
        { ask: "Which providers", answer: ["ollama"] },
        { ask: "Model ids to use", answer: "qwen3-coder:30b" },
        { ask: "Write ", answer: true },
      ],
      ["--no-test"],
      { OLLAMA_HOST: "127.0.0.1:9" },
    );
    expect(r.code).toBe(0);
    expect(r.scripted.shown.join("\n")).toContain("Could not list Ollama's models: cannot reach http://127.0.0.1:9/api/tags");
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).Router).toEqual({ default: "ollama,qwen3-coder:30b" });
  });
});

describe("ollamaBaseUrl", () => {
  const preset = presetById("ollama");
  if (!preset) throw new Error("no preset");

  test("reads OLLAMA_HOST like Ollama's client: default port, 0.0.0.0 as this machine, URLs kept", () => {
    expect(ollamaBaseUrl({}, preset)).toBe("http://localhost:11434/v1/chat/completions");
    expect(ollamaBaseUrl({ OLLAMA_HOST: "0.0.0.0" }, preset)).toBe("http://127.0.0.1:11434/v1/chat/completions");
    expect(ollamaBaseUrl({ OLLAMA_HOST: "gpu-box:8080" }, preset)).toBe("http://gpu-box:8080/v1/chat/completions");
    expect(ollamaBaseUrl({ OLLAMA_HOST: "https://ollama.example.com/" }, preset)).toBe("https://ollama.example.com/v1/chat/completions");
  });
});
