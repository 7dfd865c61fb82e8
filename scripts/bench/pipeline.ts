// ccr's own CPU per large request, in-process: everything ccr's code does (parse, validate, route, convert the
// request, serialize it, convert the streamed answer), without the HTTP server and client that any proxy pays for.
import { emptySlots } from "../../src/config/compile-routes.ts";
import { parseMessagesRequest } from "../../src/proxy/handle.ts";
import { defaultProfile, type Target } from "../../src/providers/adapter.ts";
import { openAiChatAdapter } from "../../src/providers/openai-chat.ts";
import { decide } from "../../src/router/decide.ts";
import { sessionIdOf } from "../../src/router/session.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { encodeEvents } from "../../src/sse/encode.ts";
import { createSseParser } from "../../src/sse/parse.ts";
import { verdict, type Row } from "./report.ts";
import { claudeCodeRequest } from "./requests.ts";

const target: Target = { provider: "mock", baseUrl: "http://127.0.0.1:1/v1/chat/completions", apiKey: "k", model: "gpt-test", profile: defaultProfile };

/** A typical short streamed answer in OpenAI's wire format. */
function upstreamAnswer(): string {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "gpt-test", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const words = "Here is the change you asked for, applied to the file.".split(" ");
  return [chunk({ role: "assistant" }), ...words.map((w) => chunk({ content: `${w} ` })), chunk({}, "stop"), "data: [DONE]\n\n"].join("");
}

async function once(text: string, answer: string): Promise<void> {
  const parsed = parseMessagesRequest(JSON.parse(text));
  const headers = { "x-claude-code-session-id": "3f1c2d4e-0000-4000-8000-000000000000" };
  const decision = await decide(parsed, {
    router: { ...emptySlots(), default: { provider: "mock", model: "gpt-test" } },
    providers: new Map(),
    sessionId: sessionIdOf(headers, parsed),
    headers,
    tokens: createTokenCounter(),
  });
  const wire = openAiChatAdapter.toWire(decision.request, target);
  JSON.stringify(wire.body);
  const converter = openAiChatAdapter.createStream({ provider: "mock", model: "gpt-test", profile: defaultProfile, toolNames: wire.toolNames, inputTokens: 1 });
  const parser = createSseParser();
  for (const m of [...parser.push(answer), ...parser.end()]) encodeEvents(converter.push(m));
  encodeEvents(converter.end());
}

/** CPU time (user + system) of this process per pipeline run, after a warm-up. */
export async function pipelineCpu(quick: boolean): Promise<Row> {
  const request = claudeCodeRequest(200 * 1024);
  const answer = upstreamAnswer();
  const runs = quick ? 100 : 1000;
  for (let i = 0; i < 200; i++) await once(request.body, answer);
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) await once(request.body, answer);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000 / runs;
  const kb = Math.round(Buffer.byteLength(request.body) / 1024);
  return {
    metric: `ccr's own CPU per ${kb} KB Claude Code request (parse, validate, route, convert both ways; in-process, ${runs} runs)`,
    direct: "–",
    ccr: `${ms.toFixed(2)} ms`,
    v1: "–",
    result: `${ms.toFixed(2)} ms`,
    target: "≤ 3 ms",
    verdict: verdict(ms, (v) => v <= 3),
  };
}
