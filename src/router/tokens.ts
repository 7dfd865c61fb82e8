// Token counts with gpt-tokenizer over what a model reads: system, messages and tools, plus a memoized counter for
// routing (a conversation grows by appending, so almost every message was counted on an earlier turn).
import type { ContentBlock, CountTokensRequest, MessageParam, TextBlock, Tool } from "../formats/anthropic.ts";
import { messagePrint, systemPrint, toolPrint } from "./fingerprint.ts";

/** Tokens of one text. */
export type Tokenize = (text: string) => number;

let gpt: Tokenize | undefined;

/** gpt-tokenizer with cl100k_base, the encoding CCR v1 counts with (so `longContextThreshold` means the same), loaded on
 * first use: most requests never count tokens. cl100k's table is half the size of o200k's, in the binary and in memory. */
export const gptCount: Tokenize = (text) => {
  // A synchronous require keeps counting synchronous; the bundler still embeds the encoding in the binary.
  gpt ??= (require("gpt-tokenizer/encoding/cl100k_base") as typeof import("gpt-tokenizer/encoding/cl100k_base")).countTokens;
  return gpt(text);
};

function blockText(block: ContentBlock): string {
  switch (block.type) {
    case "text":
      return block.text;
    case "thinking":
      return block.thinking;
    case "tool_use":
      return `${block.name} ${JSON.stringify(block.input ?? {})}`;
    case "tool_result": {
      const content = block.content;
      if (typeof content === "string") return content;
      return (content ?? []).map((part) => (part.type === "text" ? part.text : "")).join("\n");
    }
    default:
      return "";
  }
}

/** Tokens of one message's text (images are not counted). */
export function countMessageTokens(message: MessageParam, tokenize: Tokenize = gptCount): number {
  if (typeof message.content === "string") return tokenize(message.content);
  let total = 0;
  for (const block of message.content) {
    const text = blockText(block);
    if (text) total += tokenize(text);
  }
  return total;
}

/** Tokens of the system prompt (string or text blocks). */
export function countSystemTokens(system: string | readonly TextBlock[], tokenize: Tokenize = gptCount): number {
  if (typeof system === "string") return tokenize(system);
  let total = 0;
  for (const block of system) total += tokenize(block.text);
  return total;
}

/** Tokens of one tool definition: name, description and input schema. */
export function countToolTokens(tool: Tool, tokenize: Tokenize = gptCount): number {
  return tokenize(`${tool.name} ${tool.description ?? ""} ${JSON.stringify(tool.input_schema ?? {})}`);
}

/** Input tokens of a request: system, every message, and every tool definition. */
export function countRequestTokens(request: CountTokensRequest, tokenize: Tokenize = gptCount): number {
  let total = request.system === undefined ? 0 : countSystemTokens(request.system, tokenize);
  for (const message of request.messages) total += countMessageTokens(message, tokenize);
  for (const tool of request.tools ?? []) total += countToolTokens(tool, tokenize);
  return total;
}

/** Counts a request's input tokens; what the router needs (tests pass fakes). */
export interface TokenCounter {
  count(request: CountTokensRequest): number;
}

/** Memo statistics, to verify reuse. */
export interface TokenMemoStats {
  hits: number;
  misses: number;
  entries: number;
}

/** A TokenCounter that remembers the count of every message, system prompt and tool it has seen. */
export interface MemoTokenCounter extends TokenCounter {
  stats(): TokenMemoStats;
}

export interface TokenCounterOptions {
  /** LRU bound on memo entries (default 50 000). */
  maxEntries?: number;
  /** The underlying tokenizer (default gpt-tokenizer's `countTokens`, cl100k_base). */
  tokenize?: Tokenize;
}

/** A counter memoized per message/system/tool by a sampled fingerprint (see fingerprint.ts), in a bounded LRU. */
export function createTokenCounter(options: TokenCounterOptions = {}): MemoTokenCounter {
  const maxEntries = Math.max(1, options.maxEntries ?? 50_000);
  const tokenize = options.tokenize ?? gptCount;
  const memo = new Map<number, number>();
  let hits = 0;
  let misses = 0;

  const lookup = (key: number): number | undefined => {
    const hit = memo.get(key);
    if (hit === undefined) return undefined;
    hits++;
    // Re-insert so Map order tracks recency: the first key is always the least recently used.
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  };

  const store = (key: number, value: number): number => {
    misses++;
    memo.set(key, value);
    if (memo.size > maxEntries) {
      const oldest = memo.keys().next();
      if (!oldest.done) memo.delete(oldest.value);
    }
    return value;
  };

  return {
    count(request) {
      let total = 0;
      if (request.system !== undefined) {
        const key = systemPrint(request.system);
        total += lookup(key) ?? store(key, countSystemTokens(request.system, tokenize));
      }
      for (const message of request.messages) {
        const key = messagePrint(message);
        total += lookup(key) ?? store(key, countMessageTokens(message, tokenize));
      }
      for (const tool of request.tools ?? []) {
        const key = toolPrint(tool);
        total += lookup(key) ?? store(key, countToolTokens(tool, tokenize));
      }
      return total;
    },
    stats: () => ({ hits, misses, entries: memo.size }),
  };
}
