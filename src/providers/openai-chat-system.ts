// The system prompt for OpenAI Chat (conversion spec §2.2, §2.8 json_object): one leading system message.
import type { MessageParam, MessagesRequest } from "../formats/anthropic.ts";
import type { ChatContentPart, ChatMessage } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";
import { contentBlocks, textPart } from "./openai-chat-content.ts";

/** One piece of system text, with the cache marker it came with. */
export interface SystemPart {
  text: string;
  cache_control?: { type: string };
}

/** Claude Code's per-session billing line: forwarding it defeats upstream prefix caches. */
export const BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

/** Text of a system prompt or `role:"system"` message: non-empty text blocks, in order. */
export function systemParts(content: MessageParam["content"] | undefined): SystemPart[] {
  if (content === undefined) return [];
  const parts: SystemPart[] = [];
  for (const block of contentBlocks(content)) {
    if (block.type !== "text" || block.text === "") continue;
    parts.push(block.cache_control === undefined ? { text: block.text } : { text: block.text, cache_control: block.cache_control });
  }
  return parts;
}

function promptParts(request: MessagesRequest, profile: Profile): SystemPart[] {
  const parts = systemParts(request.system);
  if (!profile.stripBillingHeader || typeof request.system === "string") return parts;
  return parts.filter((part) => !part.text.startsWith(BILLING_HEADER_PREFIX));
}

function hoistedParts(request: MessagesRequest, profile: Profile): SystemPart[] {
  if (profile.inlineSystem !== "hoist") return [];
  // Per-message `output_config` on these messages is Anthropic-only and ignored.
  return request.messages.filter((message) => message.role === "system").flatMap((message) => systemParts(message.content));
}

/** The json_object mode has no schema field, so the schema travels as an instruction (§2.8). */
export function schemaInstruction(request: MessagesRequest, profile: Profile): SystemPart[] {
  const format = request.output_config?.format;
  if (profile.structuredOutput !== "json_object" || format?.type !== "json_schema") return [];
  return [{ text: `Respond only with a JSON object that matches this JSON schema:\n${JSON.stringify(format.schema ?? {})}` }];
}

/** Everything that goes into the leading system message, in order. */
export function leadingSystemParts(request: MessagesRequest, profile: Profile): SystemPart[] {
  return [...promptParts(request, profile), ...hoistedParts(request, profile), ...schemaInstruction(request, profile)];
}

/** A system message: a `\n`-joined string, or text parts when a kept `cache_control` must survive. */
export function systemMessage(parts: readonly SystemPart[], profile: Profile): ChatMessage | undefined {
  if (parts.length === 0) return undefined;
  const keepCache = profile.cacheControl === "keep" && parts.some((part) => part.cache_control !== undefined);
  if (!keepCache) return { role: "system", content: parts.map((part) => part.text).join("\n") };
  const content: ChatContentPart[] = parts.map((part) => textPart(part, profile));
  return { role: "system", content };
}
