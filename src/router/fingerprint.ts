// Cheap memo keys for token counts. A conversation is re-sent whole on every turn, so a key must cost far less than
// tokenizing: each string contributes its length and its first and last 32 chars (never the middle), and everything
// is folded into two 32-bit hashes without building intermediate strings. Two texts that differ only in the middle
// and have the same length share a key; the count is an estimate for routing, so that is an accepted trade.
import type { ContentBlock, MessageParam, TextBlock, Tool } from "../formats/anthropic.ts";

const EDGE = 32;
const KIND_MESSAGE = 1;
const KIND_SYSTEM = 2;
const KIND_TOOL = 3;

/** Two independent 32-bit rolling hashes (FNV-1a and a murmur-style mix), together ~64 bits. */
class Hasher {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  int(n: number): this {
    this.a = Math.imul(this.a ^ (n | 0), 0x01000193);
    this.b = Math.imul((this.b ^ (n | 0)) + 0x6b43a9b5, 0x5bd1e995);
    this.b ^= this.b >>> 15;
    return this;
  }

  text(s: string): this {
    const n = s.length;
    this.int(n);
    if (n <= EDGE * 2) return this.chars(s, 0, n);
    return this.chars(s, 0, EDGE).chars(s, n - EDGE, n);
  }

  /** Chars `from..to`, two UTF-16 units per step. */
  private chars(s: string, from: number, to: number): this {
    let i = from;
    for (; i + 1 < to; i += 2) this.int((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1));
    if (i < to) this.int(s.charCodeAt(i));
    return this;
  }

  /** Any JSON value: its shape, with every string sampled as above. */
  value(v: unknown): this {
    if (typeof v === "string") return this.int(1).text(v);
    if (typeof v === "number") return this.int(2).text(String(v));
    if (v === null || typeof v !== "object") return this.int(3).text(String(v));
    if (Array.isArray(v)) {
      this.int(4).int(v.length);
      for (const item of v) this.value(item);
      return this;
    }
    this.int(5);
    // A parsed JSON object: plain, own enumerable keys only, so for-in visits exactly its entries without allocating.
    const record = v as Readonly<Record<string, unknown>>;
    for (const key in record) this.text(key).value(record[key]);
    return this;
  }

  /** Both hashes in one safe integer (32 + 21 bits): a number key needs no string and hashes fast in a Map. */
  key(): number {
    return (this.a >>> 0) * 0x200000 + (this.b >>> 11);
  }
}

function hashBlock(h: Hasher, block: ContentBlock): void {
  switch (block.type) {
    case "text":
      h.int(11).text(block.text);
      return;
    case "thinking":
      h.int(12).text(block.thinking);
      return;
    case "tool_use":
      h.int(13).text(block.id).text(block.name).value(block.input);
      return;
    case "tool_result": {
      h.int(14).text(block.tool_use_id);
      const content = block.content;
      if (typeof content === "string") h.int(1).text(content);
      else for (const part of content ?? []) h.text(part.type).text(part.type === "text" ? part.text : "");
      return;
    }
    default:
      // Images, documents, redacted thinking and unknown blocks add no counted text: their type is enough.
      h.text(block.type);
  }
}

/** Memo key of one message's token count. */
export function messagePrint(message: MessageParam): number {
  const h = new Hasher().int(KIND_MESSAGE).text(message.role);
  if (typeof message.content === "string") h.int(1).text(message.content);
  else for (const block of message.content) hashBlock(h, block);
  return h.key();
}

/** Memo key of the system prompt's token count. */
export function systemPrint(system: string | readonly TextBlock[]): number {
  const h = new Hasher().int(KIND_SYSTEM);
  if (typeof system === "string") h.int(1).text(system);
  else for (const block of system) h.text(block.text);
  return h.key();
}

/** Memo key of one tool definition's token count. */
export function toolPrint(tool: Tool): number {
  return new Hasher().int(KIND_TOOL).text(tool.name).text(tool.description ?? "").value(tool.input_schema ?? {}).key();
}
