// The subagent rule: an agent prompt that starts with `<CCR-SUBAGENT-MODEL>provider,model</CCR-SUBAGENT-MODEL>`
// picks its own route. CCR v1 only looked at system[1]; Claude Code 2.1.x puts agent prompts in later system blocks
// and the first user message starts with a <system-reminder>, so every system block and every text block of the
// first user message is checked. The tag is routing metadata, so it is removed before the request goes upstream.
import type { Route } from "../config/compiled.ts";
import type { MessageParam, MessagesRequest } from "../formats/anthropic.ts";
import { parseRoute } from "./route.ts";

const OPEN = "<CCR-SUBAGENT-MODEL>";
const CLOSE = "</CCR-SUBAGENT-MODEL>";
const BLANK = /\s/;

/** A found tag: its route, where it was, and the request without it. */
export interface SubagentMatch {
  route: Route;
  where: string;
  request: MessagesRequest;
}

interface Stripped {
  route: Route;
  text: string;
}

function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && BLANK.test(text.charAt(i))) i++;
  return i;
}

/** The route of a tag at the start of `text` (after whitespace) and the text without the tag and the blank after it. */
function strip(text: string): Stripped | undefined {
  // Checked char by char from the start: system prompts are kilobytes long and almost never carry the tag.
  const open = skipBlank(text, 0);
  if (!text.startsWith(OPEN, open)) return undefined;
  const close = text.indexOf(CLOSE, open + OPEN.length);
  if (close < 0) return undefined;
  const route = parseRoute(text.slice(open + OPEN.length, close));
  if (!route) return undefined;
  return { route, text: text.slice(0, open) + text.slice(skipBlank(text, close + CLOSE.length)) };
}

function inSystem(request: MessagesRequest): SubagentMatch | undefined {
  const system = request.system;
  if (system === undefined) return undefined;
  if (typeof system === "string") {
    const hit = strip(system);
    return hit && { route: hit.route, where: "system", request: { ...request, system: hit.text } };
  }
  for (const [index, block] of system.entries()) {
    const hit = strip(block.text);
    if (!hit) continue;
    const blocks = system.map((b, i) => (i === index ? { ...b, text: hit.text } : b));
    return { route: hit.route, where: `system[${index}]`, request: { ...request, system: blocks } };
  }
  return undefined;
}

function inMessage(message: MessageParam): { route: Route; message: MessageParam } | undefined {
  if (typeof message.content === "string") {
    const hit = strip(message.content);
    return hit && { route: hit.route, message: { ...message, content: hit.text } };
  }
  for (const [index, block] of message.content.entries()) {
    if (block.type !== "text") continue;
    const hit = strip(block.text);
    if (!hit) continue;
    const content = message.content.map((b, i) => (i === index ? { ...block, text: hit.text } : b));
    return { route: hit.route, message: { ...message, content } };
  }
  return undefined;
}

function inFirstUserMessage(request: MessagesRequest): SubagentMatch | undefined {
  const index = request.messages.findIndex((m) => m.role === "user");
  const message = request.messages[index];
  const hit = message && inMessage(message);
  if (!hit) return undefined;
  const messages = request.messages.map((m, i) => (i === index ? hit.message : m));
  return { route: hit.route, where: "the first user message", request: { ...request, messages } };
}

/** The subagent tag's route and the request without the tag; system blocks are searched before the first user message. */
export function findSubagentTag(request: MessagesRequest): SubagentMatch | undefined {
  return inSystem(request) ?? inFirstUserMessage(request);
}
