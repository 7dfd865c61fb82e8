// The status line as a user sees it: the real Claude Code in a real terminal (tmux), started by `ccr code`.
import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { stopService } from "../../src/daemon/stop.ts";
import { formatTokens } from "../../src/statusline/render.ts";
import { CLAUDE, CLAUDE_TOKEN, tempDir } from "../helpers/claude-cli.ts";
import { freePort, REPO_ROOT, writeCcrHome } from "../helpers/ccr-server.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { asRecord, chatCompletion, textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";

const SOCKET = `ccr-statusline-${process.pid}`;
const ANSWER = "Pong from the scripted upstream.";
const cleanup: (() => Promise<void>)[] = [];
const hasTmux = Bun.which("tmux") !== null;

function tmux(...args: string[]): string {
  // `-f /dev/null`: the user's ~/.tmux.conf must not change the terminal the test reads.
  const r = Bun.spawnSync(["tmux", "-L", SOCKET, "-f", "/dev/null", ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

/** Every process below `pid` (children first found through /proc), so none outlives the test. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch (err) {
    // The process is gone already (or /proc is missing): nothing left to collect below it.
    if (!(err instanceof Error)) throw err;
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function killTree(root: number): void {
  for (const pid of [root, ...descendants(root)].reverse()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch (err) {
      // Already exited between the listing and the kill.
      if (!(err instanceof Error)) throw err;
    }
  }
}

function screen(session: string): string {
  return tmux("capture-pane", "-p", "-J", "-t", session);
}

/** Polls the screen until `ready` holds (bounded); fails with the last screen when it never does. */
async function waitFor(session: string, what: string, ready: (screen: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = screen(session);
    if (ready(last)) return last;
    await Bun.sleep(200);
  }
  throw new Error(`screen never showed ${what}; last screen:\n${last}`);
}

/** The status-line row: the first row below the prompt box's bottom rule that has text. */
function statusRow(text: string): string {
  const rows = text.split("\n");
  const rules = rows.flatMap((row, i) => (/^─{20,}$/.test(row.trim()) ? [i] : []));
  const after = rows.slice((rules.at(-1) ?? rows.length) + 1);
  return after.find((row) => row.trim() !== "")?.trim() ?? "";
}

afterAll(async () => {
  const panes = hasTmux ? Bun.spawnSync(["tmux", "-L", SOCKET, "list-panes", "-a", "-F", "#{pane_pid}"], { stdout: "pipe", stderr: "ignore" }) : undefined;
  const roots = panes?.stdout.toString().trim().split("\n").filter(Boolean).map(Number) ?? [];
  const trees = roots.flatMap((pid) => [pid, ...descendants(pid)]);
  if (hasTmux) Bun.spawnSync(["tmux", "-L", SOCKET, "kill-server"], { stdout: "ignore", stderr: "ignore" });
  for (const pid of trees) killTree(pid);
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe.skipIf(!hasTmux || !existsSync(CLAUDE))("ccr statusline under the real Claude Code (needs tmux and node_modules/.bin/claude)", () => {
  test(
    "shows the routed provider,model, the logged tokens and the routed model's window after one prompt",
    async () => {
      const upstream = startOpenAiUpstream((req) =>
        asRecord(req.body)?.stream === true
          ? { sse: textStream(ANSWER, { usage: { prompt_tokens: 4321, completion_tokens: 87 } }), delayMs: 5 }
          : { json: chatCompletion({ content: ANSWER }) },
      );
      cleanup.push(() => upstream.stop());
      const port = freePort();
      const ccrHome = await writeCcrHome({
        PORT: port,
        APIKEY: CLAUDE_TOKEN,
        autoStop: true,
        CLAUDE_PATH: CLAUDE,
        Providers: [
          { name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-mock-upstream", models: ["gpt-test"], model_info: { "gpt-test": { context_window: 65_536 } } },
        ],
        Router: { default: "mock,gpt-test" },
      });
      const serviceEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: ccrHome, CCR_HOME: ccrHome };
      // The service runs detached from the pane: stop it through its PID file, then remove its home.
      cleanup.push(async () => {
        await stopService(fakeIo({ env: serviceEnv }).io, 3000);
        await rm(ccrHome, { recursive: true, force: true });
      });
      const project = await tempDir("ccr-e2e-statusline-project-", cleanup);
      const claudeHome = await tempDir("ccr-e2e-statusline-home-", cleanup);
      // No first-run dialogs: onboarding done, the folder trusted (see /work/shared/specs/claude-code-headless.md).
      writeFileSync(
        join(claudeHome, ".claude.json"),
        JSON.stringify({ hasCompletedOnboarding: true, hasSeenAutoDefaultNudge: true, projects: { [project]: { hasTrustDialogAccepted: true } } }),
      );
      mkdirSync(join(claudeHome, ".claude"));

      const env = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: claudeHome,
        CCR_HOME: ccrHome,
        TERM: "xterm-256color",
        DISABLE_TELEMETRY: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_ERROR_REPORTING: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        CLAUDE_CODE_MAX_RETRIES: "1",
      };
      const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(" ");
      const command = `cd '${project}' && env -i ${vars} '${process.execPath}' '${join(REPO_ROOT, "src/main.ts")}' code; echo "EXIT=$?"; sleep 600`;
      tmux("new-session", "-d", "-x", "160", "-y", "45", "-s", "code", command);

      const drawn = (s: string) => statusRow(s) !== "" && !statusRow(s).startsWith("⏵");
      const start = statusRow(await waitFor("code", "the prompt and the first status line", (s) => s.includes("❯") && drawn(s), 30_000));
      // Before any request Claude Code sends its window but no usage: no "% of 1M" guess.
      expect(start).not.toContain("%");
      tmux("send-keys", "-t", "code", "-l", "Say pong");
      await Bun.sleep(300);
      tmux("send-keys", "-t", "code", "Enter");
      await waitFor("code", "the scripted answer", (s) => s.includes(ANSWER), 30_000);

      const shown = statusRow(await waitFor("code", "the routed model on the status row", (s) => statusRow(s).includes("mock,gpt-test"), 15_000));
      const db = new Database(join(ccrHome, "requests.db"), { readonly: true });
      const logged = db
        .query<{ provider: string; model: string; input_tokens: number; output_tokens: number }, []>(
          "SELECT provider, model, input_tokens, output_tokens FROM requests WHERE status < 400 AND scenario != 'background' ORDER BY id DESC LIMIT 1",
        )
        .get();
      db.close();
      expect(logged).toEqual(expect.objectContaining({ provider: "mock", model: "gpt-test", input_tokens: 4321, output_tokens: 87 }));
      expect(shown).toContain(`↑ ${formatTokens(logged?.input_tokens ?? -1)} ↓ ${formatTokens(logged?.output_tokens ?? -1)}`);
      // 4321 of the routed model's 65,536 tokens, not of the Claude model's window.
      expect(shown).toContain("7% of 65.5k");
      expect(shown).not.toContain("Opus");
      expect(shown).not.toContain("Sonnet");
    },
    90_000,
  );
});
