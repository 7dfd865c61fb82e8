// The real Claude Code CLI, in print mode, talking to ccr, which routes to a scripted OpenAI Responses upstream.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningCcr, startCcr } from "../helpers/ccr-server.ts";
import { CLAUDE, CLAUDE_LIMIT_MS, CLAUDE_TOKEN, explainOnFailure, runClaude, tempDir } from "../helpers/claude-cli.ts";
import { asRecord } from "../helpers/openai-chunks.ts";

const CONTENT = "hello from ccr\n";
const FINAL_TEXT = "Done: file written.";
const REASONING = "The user wants a file. I will call Write.";
const ENCRYPTED = "gAAAA-e2e-encrypted-reasoning";

type Body = Record<string, unknown>;

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function inputItems(body: Body | undefined): Body[] {
  const input = body?.input;
  if (!Array.isArray(input)) return [];
  return input.flatMap((item): Body[] => {
    const rec = asRecord(item);
    return rec ? [rec] : [];
  });
}

function sse(events: readonly Body[]): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}

const response = (status: string, extra: Body = {}) => ({ id: "resp_e2e", object: "response", model: "gpt-test", status, output: [], ...extra });
const usage = { input_tokens: 900, input_tokens_details: { cached_tokens: 0 }, output_tokens: 30 };

function textEvents(): Body[] {
  const item = { id: "msg_e2e", type: "message", role: "assistant", content: [] };
  return [
    { type: "response.created", response: response("in_progress") },
    { type: "response.output_item.added", output_index: 0, item },
    ...["Done: ", "file ", "written."].map((delta) => ({ type: "response.output_text.delta", item_id: "msg_e2e", output_index: 0, delta })),
    { type: "response.output_item.done", output_index: 0, item },
    { type: "response.completed", response: response("completed", { usage }) },
  ];
}

function writeEvents(args: string): Body[] {
  const reasoning = { id: "rs_e2e", type: "reasoning", summary: [] };
  const call = { id: "fc_e2e", type: "function_call", call_id: "call_e2eWrite01", name: "Write", arguments: "" };
  const pieces = [args.slice(0, 10), args.slice(10, 30), args.slice(30)];
  return [
    { type: "response.created", response: response("in_progress") },
    { type: "response.output_item.added", output_index: 0, item: reasoning },
    { type: "response.reasoning_summary_text.delta", item_id: "rs_e2e", output_index: 0, summary_index: 0, delta: REASONING },
    { type: "response.output_item.done", output_index: 0, item: { ...reasoning, encrypted_content: ENCRYPTED } },
    { type: "response.output_item.added", output_index: 1, item: call },
    ...pieces.map((delta) => ({ type: "response.function_call_arguments.delta", item_id: "fc_e2e", output_index: 1, delta })),
    { type: "response.output_item.done", output_index: 1, item: { ...call, arguments: args } },
    { type: "response.completed", response: response("completed", { usage }) },
  ];
}

/** Turn 1 (tools, no output yet): reasoning then a Write call; later turns and side requests: the closing text. */
function startUpstream(target: string) {
  const requests: Body[] = [];
  const args = JSON.stringify({ file_path: target, content: CONTENT });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const body = asRecord(await req.json()) ?? {};
      requests.push(body);
      const answered = inputItems(body).some((item) => item.type === "function_call_output");
      const tools = Array.isArray(body.tools) && body.tools.length > 0;
      if (body.stream !== true) {
        const message = { id: "msg_json", type: "message", role: "assistant", content: [{ type: "output_text", text: FINAL_TEXT }] };
        return Response.json(response("completed", { output: [message], usage }));
      }
      const events = tools && !answered ? writeEvents(args) : textEvents();
      return new Response(sse(events), { headers: { "content-type": "text/event-stream" } });
    },
  });
  cleanup.push(async () => {
    await server.stop(true);
  });
  return { url: `http://127.0.0.1:${server.port}/v1`, requests };
}

describe("Claude Code through ccr to a Responses upstream", () => {
  test.skipIf(!existsSync(CLAUDE))(
    "writes a file after streamed reasoning and replays the encrypted reasoning with the tool result",
    async () => {
      const project = await tempDir("ccr-e2e-project-", cleanup);
      const home = await tempDir("ccr-e2e-home-", cleanup);
      const target = join(project, "hello.txt");
      const upstream = startUpstream(target);
      const ccr: RunningCcr = await startCcr({
        APIKEY: CLAUDE_TOKEN,
        Providers: [
          { name: "oai", api_base_url: upstream.url, api_key: "sk-mock", models: ["gpt-test"], transformer: { use: ["openai-responses"] } },
        ],
        Router: { default: "oai,gpt-test" },
      });
      cleanup.push(() => ccr.stop());
      const run = await runClaude("Create hello.txt containing the line: hello from ccr", project, home, ccr.url);
      await explainOnFailure(run, ccr, upstream.requests.map((b) => JSON.stringify(b).slice(0, 400)), async () => {
        expect(run.exitCode).toBe(0);
        expect(await readFile(target, "utf8")).toBe(CONTENT);
        const result = run.events.filter((e) => e.type === "result").at(-1);
        expect(result?.subtype).toBe("success");
        expect(String(result?.result)).toContain(FINAL_TEXT);
        const main = upstream.requests.filter((body) => Array.isArray(body.tools) && body.tools.length > 0);
        expect(String(main[0]?.instructions)).toContain(project);
        for (const body of upstream.requests) expect(JSON.stringify(body)).not.toContain("x-anthropic-billing-header");
        const second = main.find((body) => inputItems(body).some((item) => item.type === "function_call_output"));
        const items = inputItems(second);
        const callAt = items.findIndex((item) => item.type === "function_call" && item.call_id === "call_e2eWrite01");
        expect(callAt).toBeGreaterThan(0);
        expect(items[callAt - 1]).toMatchObject({ type: "reasoning", id: "rs_e2e", encrypted_content: ENCRYPTED });
        expect(items.find((item) => item.type === "function_call_output")?.call_id).toBe("call_e2eWrite01");
      });
    },
    CLAUDE_LIMIT_MS + 30_000,
  );
});
