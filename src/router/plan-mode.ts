// Whether Claude Code's Plan Mode is on, read from its system reminders. Claude Code 2.1.x attaches "Plan mode is
// active..." (full) or "Plan mode still active (see full instructions earlier in conversation)..." (sparse) to a
// human turn only every 5 human turns, and "## Exited Plan Mode" / "You have exited plan mode" when it ends; so the
// latest user message alone rarely carries it. The newest reminder within the last 7 human turns decides (one of margin).
import type { MessageParam, MessagesRequest } from "../formats/anthropic.ts";
import { textsOf } from "./latest-user.ts";

const REMINDER = "<system-reminder>";
const MARKER = /\s*(?:(plan mode (?:is |still )active|## re-entering plan mode)|## exited plan mode|you have exited plan mode)/iy;
/** Claude Code's TURNS_BETWEEN_ATTACHMENTS is 5: an active Plan Mode shows a reminder at least that often. */
const LOOKBACK_HUMAN_TURNS = 7;

/** The last Plan Mode reminder in `text`: true for active, false for exited, undefined for none. */
function signalIn(text: string): boolean | undefined {
  let signal: boolean | undefined;
  for (let at = text.indexOf(REMINDER); at >= 0; at = text.indexOf(REMINDER, at + 1)) {
    MARKER.lastIndex = at + REMINDER.length;
    const found = MARKER.exec(text);
    if (found) signal = found[1] !== undefined;
  }
  return signal;
}

/** The message's own text (string content, text blocks), without tool results. */
function ownTexts(message: MessageParam): string[] {
  if (typeof message.content === "string") return [message.content];
  return message.content.flatMap((block) => (block.type === "text" ? [block.text] : []));
}

/** A turn the person typed (not only tool results and reminders). */
function isHuman(texts: readonly string[]): boolean {
  return texts.some((text) => !text.trimStart().startsWith(REMINDER));
}

/** True when the newest Plan Mode reminder (latest user message in full, earlier user messages' own text) says active. */
export function planModeActive(request: MessagesRequest): boolean {
  let humanTurns = 0;
  let latest = true;
  for (let i = request.messages.length - 1; i >= 0 && humanTurns < LOOKBACK_HUMAN_TURNS; i--) {
    const message = request.messages[i];
    if (message?.role !== "user") continue;
    const own = ownTexts(message);
    // Tool results of the latest message are read too, where Claude Code may fold a reminder in.
    const texts = latest ? textsOf(message) : own;
    latest = false;
    for (let k = texts.length - 1; k >= 0; k--) {
      const signal = signalIn(texts[k] ?? "");
      if (signal !== undefined) return signal;
    }
    if (isHuman(own)) humanTurns++;
  }
  return false;
}
