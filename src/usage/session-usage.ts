// The one read of the request log for the status line: the session's latest request and its summed cost (read-only).
import { Database, SQLiteError } from "bun:sqlite";
import type { SessionUsage } from "../statusline/status-data.ts";

interface LatestRow {
  provider: string | null;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  context_window: number | null;
  tokens_per_second: number | null;
}

// Failed requests carry no usage, and Claude Code's background requests (titles, topics) go to another model:
// the latest successful foreground request wins, a background one only when there is nothing else.
const LATEST_SQL = `SELECT provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, context_window, tokens_per_second
  FROM requests WHERE session = ?1 AND status < 400 ORDER BY scenario = 'background', id DESC LIMIT 1`;
const COST_SQL = "SELECT SUM(cost) AS cost FROM requests WHERE session = ?1";

/**
 * The session's usage from `requests.db`, opened read-only (never created); undefined when the file, the table or a
 * row is missing, or the database is busy or unreadable, so the status line falls back to Claude Code's own numbers.
 */
export function readSessionUsage(dbPath: string, session: string): SessionUsage | undefined {
  let db: Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true });
    const latest = db.query<LatestRow, [string]>(LATEST_SQL).get(session);
    if (latest === null) return undefined;
    const cost = db.query<{ cost: number | null }, [string]>(COST_SQL).get(session);
    return {
      provider: latest.provider,
      model: latest.model,
      inputTokens: latest.input_tokens,
      outputTokens: latest.output_tokens,
      cacheReadTokens: latest.cache_read_tokens,
      cacheWriteTokens: latest.cache_write_tokens,
      contextWindow: latest.context_window,
      tokensPerSecond: latest.tokens_per_second,
      sessionCost: cost?.cost ?? null,
    };
  } catch (err) {
    // A log that does not exist yet, an older table or a writer holding a lock: show what Claude Code knows instead.
    if (err instanceof SQLiteError) return undefined;
    throw err;
  } finally {
    db?.close();
  }
}
