// Reading an upstream error body (conversion spec §11.3): its message and codes, whatever shape the vendor chose.

/** Longest message we pass on; upstream bodies can be whole HTML pages. */
export const MAX_MESSAGE_CHARS = 2000;

/** What an error body says: a human message and the machine-readable codes used to classify it. */
export interface ErrorFacts {
  message: string | undefined;
  /** `code`, `type` and `status` as sent (numbers or strings). */
  codes: unknown[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  // A non-null, non-array object is indexable by string keys.
  return value as Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** FastAPI-style `detail`: a string, or a list of `{msg}` validation items. */
function detailMessage(detail: unknown): string | undefined {
  if (!Array.isArray(detail)) return text(detail);
  const messages = detail.map((item) => text(record(item)?.msg)).filter((m) => m !== undefined);
  return messages.length > 0 ? messages.join("; ") : undefined;
}

/** OpenRouter wraps the real provider's answer in `metadata.raw` behind a generic message. */
function withRawMetadata(message: string | undefined, error: Record<string, unknown>): string | undefined {
  const raw = text(record(error.metadata)?.raw);
  if (raw === undefined) return message;
  return message === undefined ? raw : `${message}: ${raw}`;
}

/** The facts in a parsed error value: OpenAI/Gemini `{error:{…}}`, an array of those, `{message}`, `{detail}`,
 * `{error:"…"}`, or a bare string. */
export function errorFacts(value: unknown): ErrorFacts {
  if (Array.isArray(value)) return value.length > 0 ? errorFacts(value[0]) : { message: undefined, codes: [] };
  const obj = record(value);
  if (obj === undefined) return { message: text(value), codes: [] };
  const inner = record(obj.error);
  if (inner !== undefined) {
    const facts = errorFacts(inner);
    return { message: facts.message ?? text(obj.message), codes: [...facts.codes, obj.code, obj.status] };
  }
  const message = text(obj.error) ?? text(obj.message) ?? detailMessage(obj.detail) ?? text(obj.error_msg);
  return { message: withRawMetadata(message, obj), codes: [obj.code, obj.type, obj.status] };
}

/** Visible text of an HTML page (proxies and gateways answer errors with one). */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(sk-[A-Za-z0-9_-]{3})[A-Za-z0-9_-]{8,}/g, "$1…[redacted]"],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, "[redacted]"],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi, "$1[redacted]"],
  [/([?&](?:key|api_key|apikey|access_token|token)=)[^&\s"'#]+/gi, "$1[redacted]"],
];

/** Removes anything that looks like a credential an upstream echoed back (keys in URLs, bearer tokens). */
export function redactSecrets(message: string): string {
  let out = message;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Caps a message at MAX_MESSAGE_CHARS, marking the cut. */
export function clip(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
}

/** Parses an error body: JSON facts when it is JSON, else its visible text. */
export function bodyFacts(bodyText: string): ErrorFacts {
  const trimmed = bodyText.trim();
  if (trimmed === "") return { message: undefined, codes: [] };
  try {
    return errorFacts(JSON.parse(trimmed));
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
  }
  const visible = trimmed.startsWith("<") ? stripHtml(trimmed) : trimmed;
  return { message: visible === "" ? undefined : visible, codes: [] };
}

const OVERFLOW_PATTERNS = [
  /context[_ ]length[_ ]exceeded/i,
  /maximum context length/i,
  /input token count.*exceeds the maximum number of tokens/i,
  /prompt is too long/i,
];

/** True when the upstream says the prompt does not fit the model's context window. */
export function isContextOverflow(facts: ErrorFacts): boolean {
  const haystack = [facts.message, ...facts.codes.filter((c) => typeof c === "string")];
  return haystack.some((s) => typeof s === "string" && OVERFLOW_PATTERNS.some((p) => p.test(s)));
}

/** Anthropic's wording for context overflow, which Claude Code's context-limit handling recognizes. */
export function overflowMessage(message: string): string {
  return /^prompt is too long/i.test(message) ? message : `prompt is too long: ${message}`;
}

/** The first numeric code/status in 400–599, if any (strings of digits count). */
export function httpCode(facts: ErrorFacts): number | undefined {
  for (const code of facts.codes) {
    const n = typeof code === "number" ? code : typeof code === "string" && /^\d{3}$/.test(code) ? Number(code) : NaN;
    if (n >= 400 && n <= 599) return n;
  }
  return undefined;
}
