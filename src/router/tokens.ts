// Token counts with gpt-tokenizer over what a model reads: system, messages and tools.
import { countTokens as countText } from "gpt-tokenizer";
import type { ContentBlock, CountTokensRequest, MessageParam } from "../formats/anthropic.ts";

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
export function countMessageTokens(message: MessageParam): number {
  if (typeof message.content === "string") return countText(message.content);
  let total = 0;
  for (const block of message.content) {
    const text = blockText(block);
    if (text) total += countText(text);
  }
  return total;
}

/** Input tokens of a request: system, every message, and every tool definition. */
export function countRequestTokens(request: CountTokensRequest): number {
  let total = 0;
  if (typeof request.system === "string") total += countText(request.system);
  else for (const block of request.system ?? []) total += countText(block.text);
  for (const message of request.messages) total += countMessageTokens(message);
  for (const tool of request.tools ?? []) {
    total += countText(`${tool.name} ${tool.description ?? ""} ${JSON.stringify(tool.input_schema ?? {})}`);
  }
  return total;
}
