// One Anthropic user message → tool messages first, then at most one user message (conversion spec §2.3, §2.4).
import type { ContentBlock, ToolResultBlock } from "../formats/anthropic.ts";
import type { ChatContentPart, ChatMessage } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";
import { contentBlocks, documentPart, documentText, imagePart, textPart } from "./openai-chat-content.ts";

/** What a user message turns into; `answered` lists the tool call ids its tool messages answer. */
export interface UserConversion {
  tool: ChatMessage[];
  answered: string[];
  user: ChatMessage | undefined;
}

/** Marker left in a tool message whose images moved to the following user message (normative text, §2.3). */
export function imageMarker(count: number): string {
  return count === 1
    ? "[tool returned 1 image; attached in the following user message]"
    : `[tool returned ${count} images; attached in the following user message]`;
}

interface ResultContent {
  text: string;
  images: ChatContentPart[];
}

function resultContent(block: ToolResultBlock): ResultContent {
  const content = block.content ?? "";
  const texts: string[] = [];
  const images: ChatContentPart[] = [];
  for (const item of typeof content === "string" ? [{ type: "text" as const, text: content }] : content) {
    if (item.type === "image") images.push(imagePart(item));
    else if (item.type === "document") texts.push(documentText(item));
    else if (item.text !== "") texts.push(item.text);
  }
  const text = texts.join("\n");
  // Chat has no error flag on tool messages, so the failure is said in words.
  return { text: block.is_error === true ? `Error: ${text}` : text, images };
}

function withMarker(result: ResultContent): string {
  if (result.images.length === 0) return result.text;
  const marker = imageMarker(result.images.length);
  return result.text === "" ? marker : `${result.text}\n${marker}`;
}

/** Text-only content without kept cache markers is sent as a string: many servers reject part arrays. */
export function userContent(parts: readonly ChatContentPart[]): string | ChatContentPart[] {
  const plain = parts.every((part) => part.type === "text" && part.cache_control === undefined);
  if (!plain) return [...parts];
  return parts.map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

/** Converts a user message; results for ids outside `open` are orphans and become text in place (§2.4). */
export function convertUser(
  content: string | readonly ContentBlock[],
  open: ReadonlySet<string>,
  profile: Profile,
): UserConversion {
  const tool: ChatMessage[] = [];
  const answered: string[] = [];
  const movedImages: ChatContentPart[] = [];
  const own: ChatContentPart[] = [];
  for (const block of contentBlocks(content)) {
    if (block.type === "tool_result") {
      const result = resultContent(block);
      if (open.has(block.tool_use_id) && !answered.includes(block.tool_use_id)) {
        tool.push({ role: "tool", tool_call_id: block.tool_use_id, content: withMarker(result) });
        answered.push(block.tool_use_id);
        movedImages.push(...result.images);
      } else {
        own.push({ type: "text", text: `[tool result for ${block.tool_use_id}]\n${result.text}` }, ...result.images);
      }
    } else if (block.type === "text") {
      if (block.text !== "") own.push(textPart(block, profile));
    } else if (block.type === "image") {
      own.push(imagePart(block));
    } else if (block.type === "document") {
      own.push(documentPart(block, profile));
    }
  }
  const parts = [...movedImages, ...own];
  const user: ChatMessage | undefined = parts.length > 0 ? { role: "user", content: userContent(parts) } : undefined;
  return { tool, answered, user };
}
