// Anthropic content blocks → OpenAI Chat content parts (conversion spec §2.3 step 2).
import type {
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  RedactedThinkingBlock,
  TextBlock,
  ThinkingBlock,
  ToolResultBlock,
  ToolUseBlock,
} from "../formats/anthropic.ts";
import type { ChatContentPart } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";

/** Text for a PDF the upstream cannot take (normative placeholder, spec §2.3). */
export const PDF_OMITTED = "[PDF document omitted]";

/** The block types this adapter understands; anything else is dropped. */
export type KnownBlock =
  | TextBlock
  | ImageBlock
  | DocumentBlock
  | ToolUseBlock
  | ToolResultBlock
  | ThinkingBlock
  | RedactedThinkingBlock;

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  "text",
  "image",
  "document",
  "tool_use",
  "tool_result",
  "thinking",
  "redacted_thinking",
]);

/** The block as a known type, or undefined for server-tool and unknown blocks (which must not crash conversion). */
export function knownBlock(block: ContentBlock): KnownBlock | undefined {
  // The request schema's variant never lets an "other" block carry a known type; TypeScript cannot see that check.
  return KNOWN_TYPES.has(block.type) ? (block as KnownBlock) : undefined;
}

/** Message content as a block list (a string is one text block). */
export function contentBlocks(content: string | readonly ContentBlock[]): KnownBlock[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.flatMap((block) => knownBlock(block) ?? []);
}

/** A text part; `cache_control` survives only with the `keep` profile. */
export function textPart(block: Pick<TextBlock, "text" | "cache_control">, profile: Profile): ChatContentPart {
  if (profile.cacheControl === "keep" && block.cache_control !== undefined) {
    return { type: "text", text: block.text, cache_control: block.cache_control };
  }
  return { type: "text", text: block.text };
}

function dataUrl(mediaType: string, data: string): string {
  // Some clients already send a data URL; prefixing it again breaks the upstream's base64 decoding.
  return data.startsWith("data:") ? data : `data:${mediaType};base64,${data}`;
}

/** An image as `image_url` (base64 → data URL, url → url), with no extra keys. */
export function imagePart(block: ImageBlock): ChatContentPart {
  const url = block.source.type === "base64" ? dataUrl(block.source.media_type, block.source.data) : block.source.url;
  return { type: "image_url", image_url: { url } };
}

function contentSourceText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const item of content) {
    if (typeof item === "object" && item !== null && "text" in item && typeof item.text === "string") texts.push(item.text);
  }
  return texts.join("\n");
}

/** The text a document stands for where only text fits: its text source, or the PDF placeholder. */
export function documentText(block: DocumentBlock): string {
  const source = block.source;
  if (source.type === "text") return source.data ?? "";
  if (source.type === "content") return contentSourceText(source["content"]);
  return PDF_OMITTED;
}

/** A document: base64 PDF → `file` part when the profile supports files, else its text (§2.3). */
export function documentPart(block: DocumentBlock, profile: Profile): ChatContentPart {
  const source = block.source;
  if (source.type === "base64" && source.data !== undefined && profile.supportsFiles) {
    const filename = block.title ?? "document.pdf";
    return { type: "file", file: { filename, file_data: dataUrl(source.media_type ?? "application/pdf", source.data) } };
  }
  return { type: "text", text: documentText(block) };
}
