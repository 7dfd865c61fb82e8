// Which requests are Claude Code's side ("background") requests, routed to `Router.background` when it is set.
//
// A request counts as background when any of these holds:
//   1. its model name contains "haiku" (any case): the legacy small/fast model Claude Code used for side requests,
//      and what CCR v1 keyed on; note that `--model haiku` then sends the whole session there;
//   2. it offers no tools (`tools` absent or empty) and asks for structured output (`output_config.format`): the
//      session-title request Claude Code 2.1.x sends with the first prompt in the TUI, on the main model;
//   3. it offers no tools and `max_tokens` is 32 or less: quota and connectivity checks (Claude Code's probe sends
//      `max_tokens: 1`).
// Every main-loop request offers tools, so none of the above catches real work.
import type { MessagesRequest } from "../formats/anthropic.ts";

const PROBE_MAX_TOKENS = 32;

/** Why `request` is a side request, or undefined when it is not one. */
export function backgroundReason(request: MessagesRequest): string | undefined {
  if (/haiku/i.test(request.model)) return `model "${request.model}" is a haiku model`;
  if ((request.tools?.length ?? 0) > 0) return undefined;
  if (request.output_config?.format) return "no tools and output_config.format (session title)";
  if (request.max_tokens <= PROBE_MAX_TOKENS) return `no tools and max_tokens ${request.max_tokens} <= ${PROBE_MAX_TOKENS} (quota check)`;
  return undefined;
}
