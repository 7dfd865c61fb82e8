// Anthropic system + messages → the Chat message list, with history repair (conversion spec §2.2–§2.4).
import type { MessagesRequest } from "../formats/anthropic.ts";
import type { ChatMessage } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";
import { convertAssistant } from "./openai-chat-assistant.ts";
import { leadingSystemParts, systemMessage, systemParts } from "./openai-chat-system.ts";
import { convertUser } from "./openai-chat-user.ts";
import type { ToolNames } from "./tool-names.ts";

/** Content of the tool message inserted for a call whose result is missing from history (normative text, §2.4). */
export const MISSING_RESULT = "[tool result missing]";

/** The Chat messages for a request: leading system message, then every turn in order. */
export function toChatMessages(request: MessagesRequest, profile: Profile, names: ToolNames): ChatMessage[] {
  const out: ChatMessage[] = [];
  const leading = systemMessage(leadingSystemParts(request, profile), profile);
  if (leading !== undefined) out.push(leading);
  // Tool call ids of the last assistant message that no tool message has answered yet.
  let open: string[] = [];
  // OpenAI rejects a non-tool message while a tool call is unanswered: answer it with a placeholder first.
  const pushTurn = (message: ChatMessage) => {
    for (const id of open) out.push({ role: "tool", tool_call_id: id, content: MISSING_RESULT });
    open = [];
    out.push(message);
  };
  for (const message of request.messages) {
    if (message.role === "system") {
      const inPlace = profile.inlineSystem === "in_place" ? systemMessage(systemParts(message.content), profile) : undefined;
      if (inPlace !== undefined) pushTurn(inPlace);
    } else if (message.role === "assistant") {
      const converted = convertAssistant(message.content, profile, names);
      if (converted === undefined) continue;
      pushTurn(converted.message);
      open = converted.toolCallIds;
    } else {
      const converted = convertUser(message.content, new Set(open), profile);
      out.push(...converted.tool);
      open = open.filter((id) => !converted.answered.includes(id));
      if (converted.user !== undefined) pushTurn(converted.user);
    }
  }
  for (const id of open) out.push({ role: "tool", tool_call_id: id, content: MISSING_RESULT });
  return out;
}
