// Claude Code's status-line JSON (what it writes to the command's stdin), read defensively: every field may be missing.

/** The parts of Claude Code's status-line input the status line uses. */
export interface StatusInput {
  sessionId?: string;
  /** The Claude model name Claude Code shows (`model.display_name`, else `model.id`). */
  claudeModel?: string;
  currentDir?: string;
  version?: string;
  durationMs?: number;
  linesAdded?: number;
  linesRemoved?: number;
  /** `context_window.context_window_size`: the Claude model's window, not the routed one's. */
  contextWindowSize?: number;
  /** `context_window.used_percentage`, when Claude Code computed it. */
  usedPercentage?: number;
  /** `context_window.current_usage`: the last request's tokens as Claude Code saw them. */
  lastInputTokens?: number;
  lastOutputTokens?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function record(value: unknown, key: string): Record<string, unknown> {
  const child = isRecord(value) ? value[key] : undefined;
  return isRecord(child) ? child : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((n) => n !== undefined);
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
}

/** Reads the parsed stdin JSON; throws only when it is not a JSON object (the caller prints the fallback line). */
export function parseStatusInput(json: unknown): StatusInput {
  if (!isRecord(json)) throw new TypeError("status-line input is not a JSON object");
  const model = record(json, "model");
  const cost = record(json, "cost");
  const window = record(json, "context_window");
  const current = record(window, "current_usage");
  return {
    sessionId: text(json.session_id),
    claudeModel: text(model.display_name) ?? text(model.id),
    currentDir: text(record(json, "workspace").current_dir) ?? text(json.cwd),
    version: text(json.version),
    durationMs: count(cost.total_duration_ms),
    linesAdded: count(cost.total_lines_added),
    linesRemoved: count(cost.total_lines_removed),
    contextWindowSize: count(window.context_window_size),
    usedPercentage: count(window.used_percentage),
    lastInputTokens: sum([count(current.input_tokens), count(current.cache_creation_input_tokens), count(current.cache_read_input_tokens)]),
    lastOutputTokens: count(current.output_tokens),
  };
}
