// Anthropic messages → Gemini `contents` (conversion spec §5.3): roles, parts, tool results matched by name,
// history repair, and thought signatures restored from our envelopes.
import type { DocumentBlock, ImageBlock, MessageParam, ToolResultBlock } from "../formats/anthropic.ts";
import type { GeminiContent, GeminiPart } from "../formats/gemini.ts";
import { type Envelope, decodeEnvelope } from "./envelope.ts";
import { type KnownBlock, contentBlocks } from "./openai-chat-content.ts";
import type { ToolNames } from "./tool-names.ts";

/** Gemini's documented bypass for function calls whose signature was never seen (other models' history). */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

/** The text of a missing tool result (history repair, §2.4). */
export const MISSING_RESULT = "[tool result missing]";

const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" };

function guessMime(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  return IMAGE_TYPES[ext] ?? (ext === "pdf" ? "application/pdf" : "image/jpeg");
}

function rawBase64(data: string): string {
  return data.replace(/^data:[^,]*;base64,/, "");
}

function imagePart(block: ImageBlock): GeminiPart {
  const source = block.source;
  if (source.type === "base64") return { inlineData: { mimeType: source.media_type, data: rawBase64(source.data) } };
  // A pure adapter cannot fetch; Gemini may reject arbitrary web URLs here (spec §5.3 fallback).
  return { fileData: { mimeType: guessMime(source.url), fileUri: source.url } };
}

function documentPart(block: DocumentBlock): GeminiPart | undefined {
  const { type, data, url, media_type: mediaType } = block.source;
  if (type === "base64" && data !== undefined) return { inlineData: { mimeType: mediaType ?? "application/pdf", data: rawBase64(data) } };
  if (type === "url" && url !== undefined) return { fileData: { mimeType: guessMime(url), fileUri: url } };
  if (type === "text" && data !== undefined && data !== "") return { text: data };
  return undefined;
}

function resultText(block: ToolResultBlock): string {
  const content = block.content ?? "";
  if (typeof content === "string") return content;
  return content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}

function resultImages(block: ToolResultBlock): GeminiPart[] {
  if (typeof block.content !== "object") return [];
  return block.content.flatMap((part) => (part.type === "image" ? [imagePart(part)] : []));
}

function plainPart(block: KnownBlock): GeminiPart | undefined {
  if (block.type === "text") return block.text === "" ? undefined : { text: block.text };
  if (block.type === "image") return imagePart(block);
  if (block.type === "document") return documentPart(block);
  return undefined;
}

/** The well-formed `{sig, at}` entries of a gemini envelope (the decoder trusts the tag, not the shape). */
export function geminiSigs(envelope: Envelope | undefined): { sig: string; at: string }[] {
  if (envelope?.p !== "gemini" || !Array.isArray(envelope.sigs)) return [];
  return envelope.sigs.filter((entry) => typeof entry?.sig === "string" && typeof entry.at === "string");
}

/** Puts each recorded signature back on the part it came from (`fc:n` or `last`). */
function restoreSignatures(parts: GeminiPart[], blocks: readonly KnownBlock[]): GeminiPart[] {
  const out = [...parts];
  const calls = out.flatMap((part, i) => ("functionCall" in part ? [i] : []));
  for (const block of blocks) {
    if (block.type !== "thinking" && block.type !== "redacted_thinking") continue;
    const envelope = decodeEnvelope(block.type === "thinking" ? block.signature : block.data);
    for (const { sig, at } of geminiSigs(envelope)) {
      const last = out[out.length - 1];
      // Gemini sends a closing signature on an empty text part after calls; it goes back on the same kind of part.
      if (at === "last" && (last === undefined || !("text" in last))) {
        out.push({ text: "", thoughtSignature: sig });
        continue;
      }
      const n = /^fc:(\d+)$/.exec(at)?.[1];
      const index = n !== undefined ? calls[Number(n)] : at === "last" ? out.length - 1 : undefined;
      const part = index === undefined ? undefined : out[index];
      if (index !== undefined && part !== undefined && ("text" in part || "functionCall" in part)) {
        out[index] = { ...part, thoughtSignature: sig };
      }
    }
  }
  return out;
}

interface PendingCall {
  id: string;
  name: string;
}

function modelContent(blocks: readonly KnownBlock[], names: ToolNames, pending: PendingCall[]): GeminiContent {
  const parts: GeminiPart[] = [];
  for (const block of blocks) {
    if (block.type === "tool_use") {
      const name = names.wire(block.name);
      pending.push({ id: block.id, name });
      parts.push({ functionCall: { name, args: block.input ?? {} } });
    } else if (block.type === "text" && block.text !== "") parts.push({ text: block.text });
  }
  return { role: "model", parts: restoreSignatures(parts, blocks) };
}

/** User parts: answers to the previous model turn's calls (in call order, missing ones repaired), their images,
 * then everything else; orphan results become text in place. */
function userContent(blocks: readonly KnownBlock[], pending: readonly PendingCall[]): GeminiContent {
  const results = new Map<string, ToolResultBlock>();
  const others: GeminiPart[] = [];
  for (const block of blocks) {
    if (block.type === "tool_result" && pending.some((call) => call.id === block.tool_use_id)) results.set(block.tool_use_id, block);
    else if (block.type === "tool_result") others.push({ text: `[tool result for ${block.tool_use_id}]\n${resultText(block)}` });
    else {
      const part = plainPart(block);
      if (part !== undefined) others.push(part);
    }
  }
  const responses: GeminiPart[] = pending.map(({ id, name }) => {
    const result = results.get(id);
    const text = result === undefined ? MISSING_RESULT : resultText(result);
    const response = result?.is_error === true || result === undefined ? { error: text } : { result: text };
    return { functionResponse: { name, response } };
  });
  const images = pending.flatMap(({ id }) => {
    const result = results.get(id);
    return result === undefined ? [] : resultImages(result);
  });
  return { role: "user", parts: [...responses, ...images, ...others] };
}

function mergeAdjacent(contents: readonly GeminiContent[]): GeminiContent[] {
  const out: GeminiContent[] = [];
  for (const content of contents) {
    const last = out[out.length - 1];
    if (content.parts.length === 0) continue;
    if (last !== undefined && last.role === content.role) out[out.length - 1] = { role: last.role, parts: [...last.parts, ...content.parts] };
    else out.push(content);
  }
  return out;
}

/** Real user input: text, or media that is not a tool result's image (those follow functionResponse parts). */
function startsTurn(content: GeminiContent): boolean {
  if (content.role !== "user") return false;
  const answers = content.parts.some((part) => "functionResponse" in part);
  return content.parts.some((part) => "text" in part || (!answers && !("functionResponse" in part)));
}

/** Gemini 3 validates signatures on every call of the current turn (after the last real user input). */
function skipMissingSignatures(contents: readonly GeminiContent[]): GeminiContent[] {
  let start = 0;
  contents.forEach((content, i) => {
    if (startsTurn(content)) start = i + 1;
  });
  return contents.map((content, i) => {
    if (i < start || content.role !== "model") return content;
    const parts = content.parts.map((part) =>
      "functionCall" in part && part.thoughtSignature === undefined ? { ...part, thoughtSignature: SKIP_SIGNATURE } : part,
    );
    return { role: content.role, parts };
  });
}

/** The conversation as Gemini contents; `role:"system"` messages are left out (they go to systemInstruction). */
export function toGeminiContents(messages: readonly MessageParam[], names: ToolNames, gemini3: boolean): GeminiContent[] {
  const contents: GeminiContent[] = [];
  let pending: PendingCall[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    const blocks = contentBlocks(message.content);
    if (message.role === "assistant") {
      pending = [];
      contents.push(modelContent(blocks, names, pending));
    } else {
      contents.push(userContent(blocks, pending));
      pending = [];
    }
  }
  const merged = mergeAdjacent(contents);
  return gemini3 ? skipMissingSignatures(merged) : merged;
}
