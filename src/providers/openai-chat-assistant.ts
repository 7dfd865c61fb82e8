// One Anthropic assistant message → one Chat assistant message (conversion spec §2.3, §1.6 replay).
import type { ContentBlock } from "../formats/anthropic.ts";
import type { ChatMessage, ChatToolCall } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";
import { decodeEnvelope } from "./envelope.ts";
import { contentBlocks, type KnownBlock } from "./openai-chat-content.ts";
import type { ToolNames } from "./tool-names.ts";

type AssistantMessage = Extract<ChatMessage, { role: "assistant" }>;
type Replay = Pick<AssistantMessage, "reasoning_content" | "reasoning" | "reasoning_details">;

/** The converted message and the tool call ids that now wait for results. */
export interface AssistantConversion {
  message: AssistantMessage;
  toolCallIds: string[];
}

function openRouterDetails(signature: string | undefined): unknown[] | undefined {
  const envelope = decodeEnvelope(signature);
  if (envelope?.p !== "openrouter" || !Array.isArray(envelope.details)) return undefined;
  return envelope.details;
}

/** Prior reasoning in the field the profile names; OpenRouter details come back verbatim from their envelope. */
export function replayReasoning(blocks: readonly KnownBlock[], profile: Profile): Replay {
  if (profile.reasoningReplay === "none") return {};
  const texts: string[] = [];
  const details: unknown[] = [];
  for (const block of blocks) {
    const signed = profile.reasoningReplay === "reasoning_details";
    if (block.type === "thinking") {
      const own = signed ? openRouterDetails(block.signature) : undefined;
      if (own !== undefined) details.push(...own);
      else if (block.thinking !== "") texts.push(block.thinking);
    } else if (block.type === "redacted_thinking" && signed) {
      details.push(...(openRouterDetails(block.data) ?? []));
    }
  }
  const text = texts.join("\n");
  const replay: Replay = {};
  if (details.length > 0) replay.reasoning_details = details;
  if (text === "") return replay;
  if (profile.reasoningReplay === "reasoning_content") replay.reasoning_content = text;
  else replay.reasoning = text;
  return replay;
}

function toolCall(block: Extract<KnownBlock, { type: "tool_use" }>, names: ToolNames): ChatToolCall {
  return {
    id: block.id,
    type: "function",
    function: { name: names.wire(block.name), arguments: JSON.stringify(block.input ?? {}) },
  };
}

/** Converts an assistant message; undefined when nothing is left to send (no text, tool calls or reasoning). */
export function convertAssistant(
  content: string | readonly ContentBlock[],
  profile: Profile,
  names: ToolNames,
): AssistantConversion | undefined {
  const blocks = contentBlocks(content);
  // Whitespace-only text is not worth a turn, and the Anthropic API rejects it when replayed there.
  const texts = blocks.flatMap((block) => (block.type === "text" && block.text.trim() !== "" ? [block.text] : []));
  const calls = blocks.flatMap((block) => (block.type === "tool_use" ? [toolCall(block, names)] : []));
  const replay = replayReasoning(blocks, profile);
  const text = texts.join("\n");
  if (text === "" && calls.length === 0 && Object.keys(replay).length === 0) return undefined;
  // Without tool calls Chat requires `content`: a reasoning-only turn carries "".
  const message: AssistantMessage = { role: "assistant", content: text !== "" ? text : calls.length > 0 ? null : "" };
  if (calls.length > 0) message.tool_calls = calls;
  return { message: { ...message, ...replay }, toolCallIds: calls.map((call) => call.id) };
}
