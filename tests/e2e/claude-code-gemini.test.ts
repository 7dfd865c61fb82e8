// The real Claude Code CLI, in print mode, talking to ccr, which routes to a scripted Gemini (generateContent) upstream.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CLAUDE, CLAUDE_LIMIT_MS, CLAUDE_TOKEN, explainOnFailure, runClaude, tempDir } from "../helpers/claude-cli.ts";
import { startCcr } from "../helpers/ccr-server.ts";

const CONTENT = "hello from ccr\n";
const FINAL_TEXT = "Done: file written.";
const SIGNATURE = "R0VNSU5JX1NJR19XUklURQ==";

interface Recorded {
  path: string;
  body: Record<string, unknown>;
}

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function records(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  // Plain JSON objects from a parsed request body.
  return value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null && !Array.isArray(item));
}

const parts = (content: Record<string, unknown>) => records(content.parts);
const answered = (body: Record<string, unknown>) => records(body.contents).some((c) => parts(c).some((p) => "functionResponse" in p));
const hasTools = (body: Record<string, unknown>) => records(body.tools).length > 0;

function chunk(partsOut: object[], finishReason?: string): string {
  const payload = {
    candidates: [{ content: { role: "model", parts: partsOut }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: 20, thoughtsTokenCount: 8 },
    modelVersion: "gemini-3-pro-preview",
  };
  return `data: ${JSON.stringify(payload)}\r\n\r\n`;
}

/** Turn 1 (tools, nothing answered yet): a thought, then a Write call with a signature; later turns: the closing text. */
function startGeminiUpstream(target: string) {
  const requests: Recorded[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body: Record<string, unknown> = await req.json();
      requests.push({ path: url.pathname, body });
      const streaming = url.pathname.endsWith(":streamGenerateContent");
      if (!streaming) {
        return Response.json({ candidates: [{ content: { role: "model", parts: [{ text: FINAL_TEXT }] }, finishReason: "STOP" }] });
      }
      const sse = hasTools(body) && !answered(body)
        ? chunk([{ text: "The user wants a file. I will call Write.", thought: true }]) +
          chunk([{ functionCall: { name: "Write", args: { file_path: target, content: CONTENT } }, thoughtSignature: SIGNATURE }], "STOP")
        : chunk([{ text: "Done: " }]) + chunk([{ text: "file written." }], "STOP");
      return new Response(sse, { headers: { "content-type": "text/event-stream" } });
    },
  });
  return { requests, url: `http://127.0.0.1:${server.port}/v1beta/models/`, stop: () => server.stop(true) };
}

describe("Claude Code through ccr to Gemini", () => {
  test.skipIf(!existsSync(CLAUDE))(
    "writes a file with a Gemini function call, replays its thought signature and finishes with the model's text",
    async () => {
      const project = await tempDir("ccr-e2e-gemini-project-", cleanup);
      const home = await tempDir("ccr-e2e-gemini-home-", cleanup);
      const target = join(project, "hello.txt");
      const upstream = startGeminiUpstream(target);
      cleanup.push(async () => upstream.stop());
      const ccr = await startCcr({
        APIKEY: CLAUDE_TOKEN,
        Providers: [
          { name: "gemini", api_base_url: upstream.url, api_key: "gemini-upstream-key", models: ["gemini-3-pro-preview"], transformer: { use: ["gemini"] } },
        ],
        Router: { default: "gemini,gemini-3-pro-preview" },
      });
      cleanup.push(() => ccr.stop());
      const run = await runClaude("Create hello.txt containing the line: hello from ccr", project, home, ccr.url);
      await explainOnFailure(run, ccr, upstream.requests.map((r, n) => `#${n} ${r.path} ${JSON.stringify(r.body).slice(0, 300)}`), async () => {
        expect(run.timedOut).toBe(false);
        expect(run.exitCode).toBe(0);
        expect(await readFile(target, "utf8")).toBe(CONTENT);
        expect(run.stdout).toContain(FINAL_TEXT);

        const main = upstream.requests.filter((r) => hasTools(r.body));
        expect(main[0]?.path).toBe("/v1beta/models/gemini-3-pro-preview:streamGenerateContent");
        expect(JSON.stringify(main[0]?.body.systemInstruction)).toContain(project);
        const second = main.find((r) => answered(r.body));
        expect(second).toBeDefined();
        const contents = records(second?.body.contents);
        const model = contents.find((c) => c.role === "model" && parts(c).some((p) => "functionCall" in p));
        expect(parts(model ?? {})).toContainEqual({ functionCall: { name: "Write", args: { file_path: target, content: CONTENT } }, thoughtSignature: SIGNATURE });
        const answer = contents.flatMap(parts).find((p) => "functionResponse" in p);
        expect(JSON.stringify(answer)).toContain('"name":"Write"');
        for (const req of upstream.requests) expect(JSON.stringify(req.body)).not.toContain("x-anthropic-billing-header");
      });
    },
    CLAUDE_LIMIT_MS + 30_000,
  );
});
