// Finds Claude Code's session id, which keys per-session Router overrides and usage (and names files on disk).
import * as v from "valibot";
import type { MessagesRequest } from "../formats/anthropic.ts";

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
const HEADER = "x-claude-code-session-id";
const LEGACY_MARK = "_session_";
const UserIdJson = v.looseObject({ session_id: v.string() });

function safe(id: string | undefined): string | undefined {
  return id !== undefined && SAFE_ID.test(id) ? id : undefined;
}

function header(headers: Readonly<Record<string, string>>): string | undefined {
  const exact = headers[HEADER];
  if (exact !== undefined) return exact;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === HEADER) return value;
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // A user_id that looks like JSON but is not carries no session id, like a missing one.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

function fromUserId(userId: string | null | undefined): string | undefined {
  if (!userId) return undefined;
  if (userId.trimStart().startsWith("{")) {
    const result = v.safeParse(UserIdJson, parseJson(userId));
    return result.success ? result.output.session_id : undefined;
  }
  const mark = userId.indexOf(LEGACY_MARK);
  return mark < 0 ? undefined : userId.slice(mark + LEGACY_MARK.length);
}

/**
 * The session id: the `x-claude-code-session-id` header, else `session_id` in the JSON string `metadata.user_id`
 * (Claude Code 2.1.x), else the part after `_session_` of the older `user_<hash>_account__session_<uuid>`. The first
 * candidate that is a safe file-name token (`[A-Za-z0-9_-]{1,128}`) wins; none → undefined.
 */
export function sessionIdOf(headers: Readonly<Record<string, string>>, request: MessagesRequest): string | undefined {
  return safe(header(headers)) ?? safe(fromUserId(request.metadata?.user_id));
}
