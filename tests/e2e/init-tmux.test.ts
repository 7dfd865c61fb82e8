// `ccr init` typed into a real terminal (tmux), against an Ollama-like upstream on 127.0.0.1.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const SOCKET = `ccr-test-${process.pid}`;
const ROOT = join(import.meta.dir, "..", "..");
const homes: string[] = [];
let upstream: OpenAiUpstream | undefined;
let sessions = 0;

function tmux(...args: string[]): string {
  const r = Bun.spawnSync(["tmux", "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

/** Starts `ccr init` in a fresh 120x40 tmux session, as a person's shell would (no CI variables). */
function startInit(env: Record<string, string>): string {
  const name = `init-${++sessions}`;
  const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(" ");
  const command = `cd '${ROOT}' && env -u CI -u NON_INTERACTIVE_MODE ${vars} '${process.execPath}' src/main.ts init; echo "EXIT=$?"; sleep 600`;
  tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", name, command);
  return name;
}

function screen(session: string): string {
  return tmux("capture-pane", "-p", "-J", "-t", session);
}

/** Polls the screen until it shows `text` (bounded); fails with the screen when it never does. */
async function waitFor(session: string, text: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = screen(session);
    if (last.includes(text)) return last;
    await Bun.sleep(100);
  }
  throw new Error(`screen never showed ${JSON.stringify(text)}; last screen:\n${last}`);
}

async function press(session: string, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    tmux("send-keys", "-t", session, key);
    await Bun.sleep(120);
  }
}

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), "ccr-init-tmux-"));
  homes.push(dir);
  return dir;
}

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

afterAll(() => {
  Bun.spawnSync(["tmux", "-L", SOCKET, "kill-server"], { stdout: "ignore", stderr: "ignore" });
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const chatReply = {
  id: "c1",
  object: "chat.completion",
  model: "llama3.2:latest",
  choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "length" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

const hasTmux = Bun.which("tmux") !== null;

describe.skipIf(!hasTmux)("ccr init in tmux", () => {
  test(
    "sets up a local Ollama typed key by key: lists its models, tests the connection, writes config.json",
    async () => {
      upstream = startOpenAiUpstream((req) =>
        req.path === "/api/tags" ? { json: { models: [{ name: "llama3.2:latest" }, { name: "qwen3:8b" }] } } : { json: chatReply },
      );
      const dir = home();
      const session = startInit({ CCR_HOME: dir, HOME: dir, OLLAMA_HOST: new URL(upstream.url).host });
      await waitFor(session, "Which providers do you want to use?");
      await press(session, "Down", "Down", "Down", "Down", "Space", "Enter");
      await waitFor(session, "Models of Ollama (local) to use");
      expect(screen(session)).toContain("qwen3:8b");
      await press(session, "Down", "Space", "Enter");
      await waitFor(session, "Default model (Router.default)");
      await press(session, "Enter");
      await waitFor(session, "Send some kinds of requests to another model?");
      await press(session, "Space", "Enter");
      await waitFor(session, "Model for background");
      await press(session, "Down", "Enter");
      const summary = await waitFor(session, `Write ${join(dir, "config.json")}?`);
      expect(summary).toContain("ollama,llama3.2:latest: OK");
      expect(summary).toContain("no key needed");
      await press(session, "Enter");
      const done = await waitFor(session, "EXIT=");
      expect(done).toContain("EXIT=0");
      expect(done).toContain("ccr start");
      const doc = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
      expect(doc.Providers).toEqual([
        { name: "ollama", api_base_url: `${upstream.url}/v1/chat/completions`, api_key: "ollama", models: ["llama3.2:latest", "qwen3:8b"] },
      ]);
      expect(doc.Router).toEqual({ default: "ollama,llama3.2:latest", background: "ollama,qwen3:8b" });
      expect(upstream.requests.map((r) => r.path)).toEqual(["/api/tags", "/v1/chat/completions"]);
    },
    30_000,
  );

  test(
    "writes nothing when Ctrl-C is pressed at the first question",
    async () => {
      const dir = home();
      const session = startInit({ CCR_HOME: dir, HOME: dir, OLLAMA_HOST: "127.0.0.1:9" });
      await waitFor(session, "Which providers do you want to use?");
      await press(session, "C-c");
      const done = await waitFor(session, "EXIT=");
      expect(done).toContain("EXIT=1");
      expect(done).toContain("nothing was changed");
      expect(existsSync(join(dir, "config.json"))).toBe(false);
    },
    20_000,
  );
});
