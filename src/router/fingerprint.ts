// Cheap memo keys for token counts: a conversation is re-sent whole on every turn, so a key must cost far less than
// tokenizing. Long strings are sampled (length + first and last 32 chars), never serialized or scanned in full.
import type { ContentBlock, MessageParam, TextBlock, Tool } from "../formats/anthropic.ts";

const EDGE = 32;

/** Length, head and tail of a text; short texts are kept whole. */
export function textPrint(text: string): string {
  if (text.length <= EDGE * 2) return `${text.length}:${text}`;
  return `${text.length}:${text.slice(0, EDGE)}${text.slice(-EDGE)}`;
}

/** The shape of any JSON value with every string sampled: linear in the number of nodes, not in the text size. */
export function valuePrint(value: unknown): string {
  if (typeof value === "string") return `s${textPrint(value)}`;
  if (value === null || typeof value !== "object") return `v${String(value)}`;
  if (Array.isArray(value)) return `[${value.length}:${value.map(valuePrint).join(",")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) parts.push(`${textPrint(key)}=${valuePrint(item)}`);
  return `{${parts.join(",")}}`;
}

function blockPrint(block: ContentBlock): string {
  switch (block.type) {
    case "text":
      return `T${textPrint(block.text)}`;
    case "thinking":
      return `K${textPrint(block.thinking)}`;
    case "tool_use":
      return `U${textPrint(block.id)}${textPrint(block.name)}${valuePrint(block.input)}`;
    case "tool_result": {
      const content = block.content;
      if (content === undefined) return `R${textPrint(block.tool_use_id)}`;
      if (typeof content === "string") return `R${textPrint(block.tool_use_id)}s${textPrint(content)}`;
      const parts = content.map((part) => (part.type === "text" ? `T${textPrint(part.text)}` : part.type));
      return `R${textPrint(block.tool_use_id)}[${parts.join(",")}]`;
    }
    default:
      // Images, documents, redacted thinking and unknown blocks add no counted text.
      return block.type;
  }
}

/** Memo key of one message's token count. */
export function messagePrint(message: MessageParam): string {
  if (typeof message.content === "string") return `m${message.role}|s${textPrint(message.content)}`;
  return `m${message.role}|${message.content.map(blockPrint).join("\u0001")}`;
}

/** Memo key of the system prompt's token count. */
export function systemPrint(system: string | readonly TextBlock[]): string {
  if (typeof system === "string") return `S${textPrint(system)}`;
  return `S[${system.map((block) => textPrint(block.text)).join("\u0001")}]`;
}

/** Memo key of one tool definition's token count. */
export function toolPrint(tool: Tool): string {
  return `t${textPrint(tool.name)}${textPrint(tool.description ?? "")}${valuePrint(tool.input_schema ?? {})}`;
}
