// OpenAI Chat Completions chunk and body builders (shapes as api.openai.com sends them) and request inspectors.

/** The value as a plain JSON object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  // Checked to be a non-array object just above; callers inspect each field as unknown.
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** True when the request body asked for the final usage chunk, as OpenAI requires before sending it. */
export function wantsUsage(body: unknown): boolean {
  return asRecord(asRecord(body)?.stream_options)?.include_usage === true;
}

/** True for the `choices: []` chunk that carries only usage. */
export function isUsageOnly(payload: string | object): boolean {
  const chunk = asRecord(payload);
  return chunk !== undefined && Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage != null;
}

/** OpenAI's `usage` object; `total_tokens` is filled in when omitted. */
export interface UsageInput {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens: number };
}

/** A tool call to script: `args` objects are JSON-encoded, strings are sent verbatim (to script broken JSON). */
export interface ScriptedCall {
  id: string;
  name: string;
  args: unknown;
}

export interface ChunkOpts {
  finish_reason?: string | null;
  usage?: UsageInput;
  id?: string;
  model?: string;
}

export interface StreamOpts {
  /** How many content deltas the text (and the reasoning) is cut into. */
  pieces?: number;
  /** Reasoning streamed as `reasoning_content` deltas before anything else. */
  reasoning?: string;
  /** The final usage chunk; `null` leaves it out. */
  usage?: UsageInput | null;
  finish_reason?: string;
  model?: string;
}

export const DEFAULT_USAGE: UsageInput = { prompt_tokens: 11, completion_tokens: 7 };
const CREATED = 1_767_225_600;
let streamCounter = 0;

function completionId(): string {
  streamCounter += 1;
  return `chatcmpl-scripted${String(streamCounter).padStart(6, "0")}`;
}

function fullUsage(usage: UsageInput): UsageInput & { total_tokens: number } {
  return { ...usage, total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens };
}

function argsText(args: unknown): string {
  return typeof args === "string" ? args : JSON.stringify(args);
}

/** Cuts `text` into `n` non-empty pieces at code-point boundaries (fewer when the text is shorter). */
export function splitInto(text: string, n: number): string[] {
  const chars = Array.from(text);
  const count = Math.max(1, Math.min(n, chars.length));
  const size = Math.ceil(chars.length / count);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out.length > 0 ? out : [text];
}

/** One `chat.completion.chunk` with a single choice carrying `delta`. */
export function chatChunk(delta: Record<string, unknown>, opts: ChunkOpts = {}): Record<string, unknown> {
  const chunk: Record<string, unknown> = {
    id: opts.id ?? "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: CREATED,
    model: opts.model ?? "gpt-test",
    system_fingerprint: "fp_scripted",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: opts.finish_reason ?? null }],
  };
  return opts.usage ? { ...chunk, usage: fullUsage(opts.usage) } : chunk;
}

/** The final usage-only chunk OpenAI sends when `stream_options.include_usage` was requested. */
export function usageChunk(usage: UsageInput, opts: { id?: string; model?: string } = {}): Record<string, unknown> {
  return {
    id: opts.id ?? "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: CREATED,
    model: opts.model ?? "gpt-test",
    system_fingerprint: "fp_scripted",
    choices: [],
    usage: fullUsage(usage),
  };
}

function closing(finish: string, opts: StreamOpts, meta: { id: string; model?: string }): (string | object)[] {
  const usage = opts.usage === undefined ? DEFAULT_USAGE : opts.usage;
  const tail: (string | object)[] = [chatChunk({}, { ...meta, finish_reason: opts.finish_reason ?? finish })];
  if (usage !== null) tail.push(usageChunk(usage, meta));
  tail.push("[DONE]");
  return tail;
}

function reasoningDeltas(opts: StreamOpts, meta: { id: string; model?: string }): object[] {
  if (opts.reasoning === undefined) return [];
  return splitInto(opts.reasoning, opts.pieces ?? 3).map((r) => chatChunk({ reasoning_content: r }, meta));
}

/** A complete streamed text answer: role chunk, (reasoning,) content pieces, finish `stop`, usage, `[DONE]`. */
export function textStream(text: string, opts: StreamOpts = {}): (string | object)[] {
  const meta = { id: completionId(), model: opts.model };
  return [
    chatChunk({ role: "assistant", content: "", refusal: null }, meta),
    ...reasoningDeltas(opts, meta),
    ...splitInto(text, opts.pieces ?? 3).map((c) => chatChunk({ content: c }, meta)),
    ...closing("stop", opts, meta),
  ];
}

/** A streamed tool-call turn: each call opens with id+name, then its arguments in `splitArgsInto` fragments. */
export function toolCallStream(
  calls: readonly ScriptedCall[],
  opts: StreamOpts & { splitArgsInto?: number; text?: string } = {},
): (string | object)[] {
  const meta = { id: completionId(), model: opts.model };
  const out: (string | object)[] = [chatChunk({ role: "assistant", content: null }, meta), ...reasoningDeltas(opts, meta)];
  if (opts.text !== undefined) out.push(...splitInto(opts.text, opts.pieces ?? 3).map((c) => chatChunk({ content: c }, meta)));
  calls.forEach((call, index) => {
    const head = { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } };
    out.push(chatChunk({ tool_calls: [head] }, meta));
    for (const piece of splitInto(argsText(call.args), opts.splitArgsInto ?? 3)) {
      out.push(chatChunk({ tool_calls: [{ index, function: { arguments: piece } }] }, meta));
    }
  });
  return [...out, ...closing("tool_calls", opts, meta)];
}

/** `reasoning_content` deltas first, then the tool calls (what DeepSeek-style reasoning models stream). */
export function reasoningThenToolStream(
  reasoning: string,
  calls: readonly ScriptedCall[],
  opts: StreamOpts & { splitArgsInto?: number } = {},
): (string | object)[] {
  return toolCallStream(calls, { ...opts, reasoning });
}

/** A non-streamed `chat.completion` body. */
export function chatCompletion(opts: {
  content?: string | null;
  tool_calls?: readonly ScriptedCall[];
  reasoning_content?: string;
  finish_reason?: string;
  usage?: UsageInput;
  model?: string;
}): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: opts.content ?? null, refusal: null };
  if (opts.reasoning_content !== undefined) message.reasoning_content = opts.reasoning_content;
  if (opts.tool_calls !== undefined) {
    message.tool_calls = opts.tool_calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: argsText(c.args) },
    }));
  }
  return {
    id: completionId(),
    object: "chat.completion",
    created: CREATED,
    model: opts.model ?? "gpt-test",
    system_fingerprint: "fp_scripted",
    choices: [
      { index: 0, message, logprobs: null, finish_reason: opts.finish_reason ?? (opts.tool_calls ? "tool_calls" : "stop") },
    ],
    usage: fullUsage(opts.usage ?? DEFAULT_USAGE),
  };
}

/** OpenAI's error body. */
export function openAiError(message: string, opts: { type?: string; code?: string | null; param?: string | null } = {}) {
  return { error: { message, type: opts.type ?? "invalid_request_error", param: opts.param ?? null, code: opts.code ?? null } };
}

/** The `messages` array of a recorded chat request (empty when absent), for scripts and assertions. */
export function chatMessages(body: unknown): Record<string, unknown>[] {
  const messages = asRecord(body)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((m) => {
    const rec = asRecord(m);
    return rec ? [rec] : [];
  });
}

/** The text of a chat message's `content`, string or parts. */
export function messageText(message: Record<string, unknown>): string {
  const content = message.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof asRecord(part)?.text === "string" ? String(asRecord(part)?.text) : "")).join("\n");
}
