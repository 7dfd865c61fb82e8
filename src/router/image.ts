// The image rule: the turn being answered shows the model a picture.
import type { MessagesRequest } from "../formats/anthropic.ts";
import { latestUserMessage } from "./latest-user.ts";

/** True when the latest user message has an image block, directly or inside a tool_result. */
export function latestUserHasImage(request: MessagesRequest): boolean {
  const message = latestUserMessage(request);
  if (!message || typeof message.content === "string") return false;
  return message.content.some(
    (block) =>
      block.type === "image" ||
      (block.type === "tool_result" && Array.isArray(block.content) && block.content.some((part) => part.type === "image")),
  );
}
