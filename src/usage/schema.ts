// The request log's table: one row per client request, written by the server, read by `ccr usage`, the status line and the UI.

/** One finished request as stored; token counts and cost are null when unknown (never 0 for "unknown"). */
export interface RequestRow {
  id: number;
  /** Milliseconds since the epoch when the request arrived. */
  time: number;
  session: string | null;
  project: string | null;
  /** Name of the client key that made the request (named APIKEY entries); null without auth or with a plain key. */
  client_key: string | null;
  /** Router scenario (default, background, think, longContext, webSearch, image, explicit, subagent, custom). */
  scenario: string;
  /** Why the router chose it, in words. */
  reason: string | null;
  /** The route that answered (or the last one tried). */
  provider: string | null;
  model: string | null;
  /** Upstream attempts, retries and fallbacks included. */
  attempts: number;
  /** JSON array of `"provider,model: outcome"` strings for every failed attempt, in order. */
  failures: string;
  status: number;
  error_type: string | null;
  /** 1 when the client asked for a stream. */
  stream: number;
  // Token columns follow Anthropic's convention whatever the upstream spoke, so the three input columns never overlap
  // and their sum is the whole prompt:
  // - Anthropic: input_tokens, cache_read_input_tokens and cache_creation_input_tokens are stored as they come.
  // - OpenAI Chat (and DeepSeek, Moonshot, OpenRouter, ...): prompt_tokens includes cached tokens (and OpenRouter's
  //   cache_write_tokens), so input = prompt_tokens - cached - written.
  // - OpenAI Responses: input = input_tokens - input_tokens_details.cached_tokens.
  // - Gemini: input = promptTokenCount - cachedContentTokenCount + toolUsePromptTokenCount; output includes thoughts.
  // Reasoning tokens are output tokens everywhere. Cost = each column times its own price (see prices.ts).
  /** Prompt tokens neither read from nor written to a cache. */
  input_tokens: number | null;
  /** Completion tokens, reasoning included. */
  output_tokens: number | null;
  /** Prompt tokens read from the vendor's cache (billed at the cache-read price). */
  cache_read_tokens: number | null;
  /** Prompt tokens written to the vendor's cache, both Anthropic TTLs together (the 1-hour share is priced higher when
   * the upstream reports it, but not stored apart); 0 where vendors do not report writes. */
  cache_write_tokens: number | null;
  /** 1 when the token counts were estimated by ccr because the upstream reported none. */
  tokens_estimated: number;
  /** Context window of the model that answered, when known (for the status line's percentage). */
  context_window: number | null;
  ttft_ms: number | null;
  duration_ms: number;
  tokens_per_second: number | null;
  /** US dollars, priced when the row is written (later price changes do not rewrite it); null when the model's price
   * is unknown or the prompt is longer than its last known price tier. Estimated tokens give an estimated cost. */
  cost: number | null;
  /** Bodies, stored only with `LOG_BODIES: true`, secrets redacted. */
  request_body: string | null;
  response_body: string | null;
}

/** File name of the database under `CCR_HOME`. */
export const REQUESTS_DB = "requests.db";

/** Creates the table and its indexes; safe to run on every open. */
export const CREATE_REQUESTS_SQL = `
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,
  session TEXT,
  project TEXT,
  client_key TEXT,
  scenario TEXT NOT NULL,
  reason TEXT,
  provider TEXT,
  model TEXT,
  attempts INTEGER NOT NULL,
  failures TEXT NOT NULL DEFAULT '[]',
  status INTEGER NOT NULL,
  error_type TEXT,
  stream INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cache_read_tokens INTEGER,
  cache_write_tokens INTEGER,
  tokens_estimated INTEGER NOT NULL DEFAULT 0,
  context_window INTEGER,
  ttft_ms REAL,
  duration_ms REAL NOT NULL,
  tokens_per_second REAL,
  cost REAL,
  request_body TEXT,
  response_body TEXT
);
CREATE INDEX IF NOT EXISTS requests_time ON requests(time);
CREATE INDEX IF NOT EXISTS requests_session ON requests(session, id);
`;
