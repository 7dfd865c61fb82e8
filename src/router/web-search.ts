// The webSearch rule: Anthropic's server-side web search tool is offered.
import type { MessagesRequest } from "../formats/anthropic.ts";

/** The `type` of the first offered tool whose type starts with `web_search` (e.g. `web_search_20250305`). */
export function webSearchTool(request: MessagesRequest): string | undefined {
  for (const tool of request.tools ?? []) if (tool.type?.startsWith("web_search")) return tool.type;
  return undefined;
}
