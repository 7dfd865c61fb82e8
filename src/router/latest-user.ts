// The latest user turn, where per-turn signals (images, Plan Mode reminders) live.
import type { MessageParam, MessagesRequest } from "../formats/anthropic.ts";

/** The last message with role `user`, if any. */
export function latestUserMessage(request: MessagesRequest): MessageParam | undefined {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role === "user") return message;
  }
  return undefined;
}

/** Every text the message carries: string content, text blocks, and the text of tool results. */
export function textsOf(message: MessageParam): string[] {
  if (typeof message.content === "string") return [message.content];
  const out: string[] = [];
  for (const block of message.content) {
    if (block.type === "text") out.push(block.text);
    else if (block.type === "tool_result") {
      if (typeof block.content === "string") out.push(block.content);
      else for (const part of block.content ?? []) if (part.type === "text") out.push(part.text);
    }
  }
  return out;
}
