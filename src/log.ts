// Structured JSON-line logger that redacts every configured secret before a line is written.

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace";

const RANK: Record<LogLevel, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 };

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** The lowest level written; a function is read on every line, so a reloaded config's LOG_LEVEL applies at once. */
  level: LogLevel | (() => LogLevel);
  /** Values that must never appear in a line (provider keys, APIKEY); a function is read on every line. */
  secrets: readonly string[] | (() => readonly string[]);
  write: (line: string) => void;
  /** False turns logging off entirely (config `LOG: false`); a function is read on every line. */
  enabled?: boolean | (() => boolean);
}

// The value may carry an auth scheme ("Bearer xyz"): the scheme and the token go together.
// Inside a JSON string (a logged body) the quotes are escaped (`\"x-api-key\": \"...\"`); the value stops before a backslash
// so the escape of its closing quote survives and the line stays valid JSON.
const SECRET_HEADER = /((?:\\?")?(?:authorization|x-api-key|x-goog-api-key|api[_-]?key)(?:\\?")?\s*[:=]\s*(?:\\?")?)((?:bearer|basic|token)\s+)?([^",\s}\\]+)/gi;

/** Secrets shorter than this are not searched for (they would match ordinary text). */
const MIN_SECRET = 4;

/** Replaces every known secret value in `text` with `[redacted]`. */
export function removeSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: a key that starts with another key must not be cut in two, leaving its tail readable.
  const ordered = secrets.length > 1 ? [...secrets].sort((a, b) => b.length - a.length) : secrets;
  for (const secret of ordered) if (secret.length >= MIN_SECRET && out.includes(secret)) out = out.replaceAll(secret, "[redacted]");
  return out;
}

/** Replaces known secrets and anything that looks like a credential header value with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  return removeSecrets(text, secrets).replace(SECRET_HEADER, "$1[redacted]");
}

/** A logger writing one JSON object per line: `{time, level, msg, ...fields}`. */
export function createLogger(opts: LoggerOptions): Logger {
  const read = <T extends string | boolean>(value: T | (() => T)): T => (typeof value === "function" ? value() : value);
  const enabled = (level: LogLevel) => read(opts.enabled ?? true) && RANK[level] >= RANK[read(opts.level)];
  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (!enabled(level)) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
    opts.write(redact(line, typeof opts.secrets === "function" ? opts.secrets() : opts.secrets));
  };
  return {
    log,
    enabled,
    error: (msg, fields) => log("error", msg, fields),
    warn: (msg, fields) => log("warn", msg, fields),
    info: (msg, fields) => log("info", msg, fields),
    debug: (msg, fields) => log("debug", msg, fields),
  };
}

/** A logger that drops everything (tests, `LOG: false`). */
export const silentLogger: Logger = createLogger({ level: "fatal", secrets: [], write: () => {}, enabled: false });
