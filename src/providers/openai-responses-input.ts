// Anthropic messages → Responses `input` items in message order, with history repair (conversion spec §8.3, §2.4).
import type { DocumentBlock, ImageBlock, MessageParam, MessagesRequest, ToolResultBlock } from "../formats/anthropic.ts";
import type { ResponsesInputItem, ResponsesInputPart } from "../formats/openai-responses.ts";
import type { Profile } from "./adapter.ts";
import { decodeEnvelope } from "./envelope.ts";
import { type KnownBlock, contentBlocks, documentText } from "./openai-chat-content.ts";
import { MISSING_RESULT } from "./openai-chat-messages.ts";
import { systemParts } from "./openai-chat-system.ts";
import { imageMarker } from "./openai-chat-user.ts";
import type { ToolNames } from "./tool-names.ts";

function dataUrl(mediaType: string, data: string): string {
  // Never prefix a data URL twice: the upstream would fail to decode it.
  return data.startsWith("data:") ? data : `data:${mediaType};base64,${data}`;
}

function imagePart(block: ImageBlock): ResponsesInputPart {
  const url = block.source.type === "base64" ? dataUrl(block.source.media_type, block.source.data) : block.source.url;
  return { type: "input_image", image_url: url, detail: "auto" };
}

function documentPart(block: DocumentBlock): ResponsesInputPart {
  const source = block.source;
  if (source.type === "base64" && source.data !== undefined) {
    const file_data = dataUrl(source.media_type ?? "application/pdf", source.data);
    return { type: "input_file", filename: block.title ?? "document.pdf", file_data };
  }
  return { type: "input_text", text: documentText(block) };
}

function resultOutput(block: ToolResultBlock): { text: string; images: ResponsesInputPart[] } {
  const content = block.content ?? "";
  const texts: string[] = [];
  const images: ResponsesInputPart[] = [];
  for (const item of typeof content === "string" ? [{ type: "text" as const, text: content }] : content) {
    if (item.type === "image") images.push(imagePart(item));
    else if (item.type === "document") texts.push(documentText(item));
    else if (item.text !== "") texts.push(item.text);
  }
  let text = texts.join("\n");
  if (images.length > 0) text = text === "" ? imageMarker(images.length) : `${text}\n${imageMarker(images.length)}`;
  // function_call_output has no error flag, so the failure is said in words.
  return { text: block.is_error === true ? `Error: ${text}` : text, images };
}

/** Function outputs first, then one user message with moved images and the message's own parts; orphans become text. */
function userItems(blocks: readonly KnownBlock[], open: Set<string>): { outputs: ResponsesInputItem[]; user: ResponsesInputItem[] } {
  const outputs: ResponsesInputItem[] = [];
  const moved: ResponsesInputPart[] = [];
  const own: ResponsesInputPart[] = [];
  for (const block of blocks) {
    if (block.type === "tool_result") {
      const result = resultOutput(block);
      if (open.delete(block.tool_use_id)) {
        outputs.push({ type: "function_call_output", call_id: block.tool_use_id, output: result.text });
        moved.push(...result.images);
      } else {
        own.push({ type: "input_text", text: `[tool result for ${block.tool_use_id}]\n${result.text}` }, ...result.images);
      }
    } else if (block.type === "text" && block.text !== "") own.push({ type: "input_text", text: block.text });
    else if (block.type === "image") own.push(imagePart(block));
    else if (block.type === "document") own.push(documentPart(block));
  }
  const parts = [...moved, ...own];
  return { outputs, user: parts.length > 0 ? [{ role: "user", content: parts }] : [] };
}

function reasoningItem(block: KnownBlock): ResponsesInputItem | undefined {
  const signature = block.type === "thinking" ? block.signature : block.type === "redacted_thinking" ? block.data : undefined;
  const envelope = decodeEnvelope(signature);
  // Only our own Responses envelopes can be replayed; without encrypted content a stateless upstream cannot resolve the id.
  if (envelope?.p !== "openai-responses" || typeof envelope.enc !== "string" || envelope.enc === "") return undefined;
  const text = block.type === "thinking" ? block.thinking : "";
  const summary = text === "" ? [] : [{ type: "summary_text" as const, text }];
  return { type: "reasoning", id: envelope.id, summary, encrypted_content: envelope.enc };
}

/** Assistant blocks in order; consecutive texts become one assistant message, kept even when calls follow (R2). */
function assistantItems(blocks: readonly KnownBlock[], names: ToolNames, calls: string[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  let texts: string[] = [];
  const flush = () => {
    if (texts.length > 0) items.push({ role: "assistant", content: texts.join("\n") });
    texts = [];
  };
  for (const block of blocks) {
    if (block.type === "text") {
      if (block.text.trim() !== "") texts.push(block.text);
      continue;
    }
    const reasoning = reasoningItem(block);
    if (reasoning !== undefined) {
      flush();
      items.push(reasoning);
    } else if (block.type === "tool_use") {
      flush();
      const args = JSON.stringify(block.input ?? {});
      items.push({ type: "function_call", call_id: block.id, name: names.wire(block.name), arguments: args });
      calls.push(block.id);
    }
  }
  flush();
  return items;
}

function missing(open: Set<string>): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [...open].map((id) => ({ type: "function_call_output", call_id: id, output: MISSING_RESULT }));
  open.clear();
  return items;
}

function systemText(content: MessageParam["content"]): string {
  return systemParts(content).map((part) => part.text).join("\n");
}

/** The `input` list: every turn in order; unanswered calls get a placeholder output before the next turn. */
export function toResponsesInput(request: MessagesRequest, profile: Profile, names: ToolNames): ResponsesInputItem[] {
  const out: ResponsesInputItem[] = [];
  // Call ids of the last assistant turn that no output has answered yet.
  const open = new Set<string>();
  for (const message of request.messages) {
    if (message.role === "system") {
      const text = profile.inlineSystem === "in_place" ? systemText(message.content) : "";
      if (text !== "") out.push(...missing(open), { role: "developer", content: text });
    } else if (message.role === "assistant") {
      const calls: string[] = [];
      const items = assistantItems(contentBlocks(message.content), names, calls);
      if (items.length === 0) continue;
      out.push(...missing(open), ...items);
      for (const id of calls) open.add(id);
    } else {
      const { outputs, user } = userItems(contentBlocks(message.content), open);
      // Outputs answer the open calls; whatever is still open is answered before the user's own message.
      out.push(...outputs, ...(user.length > 0 ? missing(open) : []), ...user);
    }
  }
  out.push(...missing(open));
  return out;
}
