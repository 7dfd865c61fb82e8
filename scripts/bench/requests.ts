// The request bodies the benchmark sends: a small Anthropic request, its OpenAI twin for the direct baseline, and a
// ~200 KB Claude Code request grown from a real capture.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A ready-to-send request: serialised once, so building bodies never shows up in the timings. */
export interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const ANTHROPIC_HEADERS = { "content-type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": "test" };
const OPENAI_HEADERS = { "content-type": "application/json", authorization: "Bearer x" };
const PROMPT = [{ role: "user", content: "Say hello in five words." }];

/** A small Anthropic Messages request as Claude Code's quick calls look (routed by Router.default). */
export function smallAnthropic(stream: boolean): BenchRequest {
  const body = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: PROMPT, ...(stream ? { stream: true } : {}) };
  return { path: "/v1/messages", headers: ANTHROPIC_HEADERS, body: JSON.stringify(body) };
}

/** The same request in OpenAI Chat form, sent straight to the mock as the no-router baseline. */
export function smallOpenAi(stream: boolean): BenchRequest {
  const body = { model: "gpt-test", max_tokens: 1024, messages: PROMPT, ...(stream ? { stream: true } : {}) };
  return { path: "/v1/chat/completions", headers: OPENAI_HEADERS, body: JSON.stringify(body) };
}

const WORDS = (
  "const let return function import export async await value result error request response stream token model " +
  "message content config provider router schema parse encode decode buffer chunk event index length string number"
).split(" ");

/** Deterministic code-like text (a fixed LCG), varied enough that tokenizers see real work. */
function codeText(seed: number, chars: number): string {
  let state = seed * 2654435761 + 1;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const lines: string[] = [];
  let size = 0;
  for (let line = 1; size < chars; line++) {
    const n = 4 + (next() % 9);
    const words = Array.from({ length: n }, () => WORDS[next() % WORDS.length]);
    const text = `${String(line).padStart(4)}\t  ${words.join(" ")}(${next() % 1000});`;
    lines.push(text);
    size += text.length + 1;
  }
  return lines.join("\n");
}

/** One earlier Read exchange: the assistant calls Read, the user turn carries the file. */
function readExchange(i: number): object[] {
  const id = `toolu_bench_${String(i).padStart(4, "0")}`;
  return [
    { role: "assistant", content: [{ type: "text", text: `Reading module ${i}.` }, { type: "tool_use", id, name: "Read", input: { file_path: `/home/user/project/src/module-${i}.ts` } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: codeText(i, 6000) }] },
  ];
}

/** The capture as copied into the repo's fixtures, else the shared spec it came from. */
const CAPTURES = [
  join(import.meta.dir, "../../tests/fixtures/providers/openai-chat/cc-tool-result-turn/request.json"),
  "/work/shared/specs/claude-code-requests/cc-2.1.328.interactive.tool-result-turn.json",
];

function captureBody(): Record<string, unknown> {
  const file = CAPTURES.find((path) => existsSync(path));
  if (!file) throw new Error(`no Claude Code capture found at ${CAPTURES.join(" or ")}`);
  const text = readFileSync(file, "utf8");
  const capture: unknown = JSON.parse(text);
  if (typeof capture !== "object" || capture === null || !("body" in capture)) throw new Error("capture has no body");
  const body = capture.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("capture body is not an object");
  // The capture's body is a JSON object as checked just above.
  return body as Record<string, unknown>;
}

/** The captured Claude Code tool-result turn, with earlier Read exchanges inserted until the body reaches `targetBytes`. */
export function claudeCodeRequest(targetBytes: number): BenchRequest {
  const body = captureBody();
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const [first, ...rest] = messages;
  const padding: object[] = [];
  let out = JSON.stringify(body);
  for (let i = 0; out.length < targetBytes; i++) {
    padding.push(...readExchange(i));
    out = JSON.stringify({ ...body, messages: [first, ...padding, ...rest] });
  }
  const headers = { ...ANTHROPIC_HEADERS, "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14", "user-agent": "claude-cli/2.1.328 (external, cli)", "x-app": "cli" };
  return { path: "/v1/messages?beta=true", headers, body: out };
}
