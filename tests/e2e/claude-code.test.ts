// The real Claude Code CLI, in print mode, talking to ccr, which routes to a scripted OpenAI upstream.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CLAUDE, CLAUDE_LIMIT_MS, CLAUDE_TOKEN, explainOnFailure, runClaude, tempDir, type ClaudeRun } from "../helpers/claude-cli.ts";
import { startCcr } from "../helpers/ccr-server.ts";
import {
  asRecord,
  chatCompletion,
  chatMessages,
  messageText,
  reasoningThenToolStream,
  textStream,
  toolCallStream,
  type ScriptedCall,
} from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type RecordedRequest, type UpstreamReply } from "../helpers/openai-upstream.ts";

const CONTENT = "hello from ccr\n";
const FINAL_TEXT = "Done: file written.";

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function requestSummary(req: RecordedRequest, n: number): string {
  const roles = chatMessages(req.body).map((m) => String(m.role)).join(",");
  return `#${n} ${req.method} ${req.path} messages=[${roles}] body=${JSON.stringify(req.body).slice(0, 300)}`;
}

function isStreaming(req: RecordedRequest): boolean {
  return asRecord(req.body)?.stream === true;
}

function hasTools(req: RecordedRequest): boolean {
  const tools = asRecord(req.body)?.tools;
  return Array.isArray(tools) && tools.length > 0;
}

/** Turn 1 (no tool message yet): a Write call; turn 2 (the tool result is back): the closing text. */
function writeThenFinish(call: ScriptedCall, reasoning: string | undefined) {
  return (req: RecordedRequest): UpstreamReply => {
    const answered = chatMessages(req.body).some((m) => m.role === "tool");
    if (!hasTools(req) || answered) {
      return isStreaming(req) ? { sse: textStream(FINAL_TEXT), delayMs: 5 } : { json: chatCompletion({ content: FINAL_TEXT }) };
    }
    const sse =
      reasoning === undefined
        ? toolCallStream([call], { splitArgsInto: 6 })
        : reasoningThenToolStream(reasoning, [call], { splitArgsInto: 6, pieces: 4 });
    return { sse, delayMs: 5 };
  };
}

async function setUp(reasoning?: string) {
  const project = await tempDir("ccr-e2e-project-", cleanup);
  const home = await tempDir("ccr-e2e-home-", cleanup);
  const target = join(project, "hello.txt");
  const call = { id: "call_e2eWrite01", name: "Write", args: { file_path: target, content: CONTENT } };
  const upstream = startOpenAiUpstream(writeThenFinish(call, reasoning));
  cleanup.push(() => upstream.stop());
  const ccr = await startCcr({
    APIKEY: CLAUDE_TOKEN,
    Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-mock-upstream", models: ["gpt-test"] }],
    Router: { default: "mock,gpt-test" },
  });
  cleanup.push(() => ccr.stop());
  return { project, home, target, call, upstream, ccr };
}

function resultEvent(run: ClaudeRun): Record<string, unknown> | undefined {
  return run.events.filter((e) => e.type === "result").at(-1);
}

function assistantBlocks(run: ClaudeRun): Record<string, unknown>[] {
  return run.events
    .filter((e) => e.type === "assistant")
    .flatMap((e) => {
      const content = asRecord(e.message)?.content;
      if (!Array.isArray(content)) return [];
      return content.flatMap((b): Record<string, unknown>[] => {
        const block = asRecord(b);
        return block ? [block] : [];
      });
    });
}

function systemText(req: RecordedRequest): string {
  return chatMessages(req.body)
    .filter((m) => m.role === "system")
    .map(messageText)
    .join("\n");
}

describe("Claude Code through ccr", () => {
  test.skipIf(!existsSync(CLAUDE))(
    "writes a file with a streamed Write call and finishes with the model's text",
    async () => {
      const { project, home, target, upstream, ccr } = await setUp();
      const run = await runClaude("Create hello.txt containing the line: hello from ccr", project, home, ccr.url);
      await explainOnFailure(run, ccr, upstream.requests.map(requestSummary), async () => {
        expect(run.timedOut).toBe(false);
        expect(run.exitCode).toBe(0);
        expect(await readFile(target, "utf8")).toBe(CONTENT);
        const result = resultEvent(run);
        expect(result?.subtype).toBe("success");
        expect(result?.is_error).toBe(false);
        expect(String(result?.result)).toContain(FINAL_TEXT);
        const main = upstream.requests.filter(hasTools);
        expect(main.length).toBeGreaterThanOrEqual(2);
        expect(main.every((r) => asRecord(r.body)?.model === "gpt-test")).toBe(true);
        expect(systemText(main[0] as RecordedRequest)).toContain(project);
        for (const req of upstream.requests) expect(JSON.stringify(req.body)).not.toContain("x-anthropic-billing-header");
      });
    },
    CLAUDE_LIMIT_MS + 30_000,
  );

  test.skipIf(!existsSync(CLAUDE))(
    "shows streamed reasoning as a thinking block and sends a well-formed tool turn back upstream",
    async () => {
      const { project, home, target, call, upstream, ccr } = await setUp("The user wants a file. I will call Write.");
      const run = await runClaude("Create hello.txt containing the line: hello from ccr", project, home, ccr.url);
      await explainOnFailure(run, ccr, upstream.requests.map(requestSummary), async () => {
        expect(run.timedOut).toBe(false);
        expect(run.exitCode).toBe(0);
        expect(await readFile(target, "utf8")).toBe(CONTENT);
        expect(resultEvent(run)?.subtype).toBe("success");
        expect(String(resultEvent(run)?.result)).toContain(FINAL_TEXT);
        const thinking = assistantBlocks(run).filter((b) => b.type === "thinking");
        expect(thinking.length).toBeGreaterThan(0);

        const second = upstream.requests.find((r) => chatMessages(r.body).some((m) => m.role === "tool"));
        expect(second).toBeDefined();
        const messages = chatMessages(second?.body);
        const at = messages.findIndex((m) => m.role === "assistant" && Array.isArray(m.tool_calls) && m.tool_calls.length > 0);
        expect(at).toBeGreaterThanOrEqual(0);
        const toolCalls = messages[at]?.tool_calls;
        const first = asRecord(Array.isArray(toolCalls) ? toolCalls[0] : undefined);
        const fn = asRecord(first?.function);
        expect(first?.id).toBe(call.id);
        expect(first?.type).toBe("function");
        expect(fn?.name).toBe("Write");
        expect(JSON.parse(String(fn?.arguments))).toEqual(call.args);
        expect(messages[at + 1]?.role).toBe("tool");
        expect(messages[at + 1]?.tool_call_id).toBe(call.id);
      });
    },
    CLAUDE_LIMIT_MS + 30_000,
  );
});
