// Tool-call arguments (conversion spec §1.9): an upstream `arguments` value → the object a tool_use `input` must be.

/** Arguments as upstreams send them: a JSON string (OpenAI), an object (Ollama, llama.cpp), or nothing. */
export type RawArguments = string | Record<string, unknown> | null | undefined;

function asObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  // A non-null, non-array object parsed from JSON is a string-keyed record.
  return value as Record<string, unknown>;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** JSON.parse, then a lenient repair; anything that still is not a JSON object becomes `{}`. */
export function parseToolArguments(raw: RawArguments): Record<string, unknown> {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "string") return asObject(raw) ?? {};
  const text = raw.trim();
  if (text === "") return {};
  try {
    // Valid JSON that is not an object (`null`, `[]`, `"x"`) is not repairable into arguments.
    return asObject(JSON.parse(text)) ?? {};
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
  }
  return parseObject(repairJson(text)) ?? {};
}

const CLOSER: Record<string, string> = { "{": "}", "[": "]" };
/** Characters JSON allows after a backslash; any other escape keeps its backslash as a literal one. */
const JSON_ESCAPES = '"\\/bfnrtu';
const PYTHON_LITERALS: Record<string, string> = { True: "true", False: "false", None: "null" };

/** Reads a string literal quoted with `quote` from `start`; returns it as a JSON string and where it ended. */
function readString(text: string, start: number, quote: string): { json: string; end: number } {
  let value = "";
  let i = start + 1;
  for (; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === quote) return { json: `"${value}"`, end: i + 1 };
    if (ch === "\\") {
      const next = text.charAt(i + 1);
      if (next === "") break; // a dangling backslash at a truncation point
      value += next === "'" ? "'" : JSON_ESCAPES.includes(next) ? `\\${next}` : `\\\\${next}`;
      i++;
    } else if (ch === '"') value += '\\"';
    else if (ch === "\n") value += "\\n";
    else if (ch === "\r") value += "\\r";
    else if (ch === "\t") value += "\\t";
    else value += ch;
  }
  return { json: `"${value}"`, end: text.length }; // unterminated: close it
}

function dropTrailingComma(out: string): string {
  const trimmed = out.trimEnd();
  return trimmed.endsWith(",") ? trimmed.slice(0, -1) : out;
}

/** Reads a bare word: an unquoted object key becomes a string, Python literals become JSON ones. */
function readWord(text: string, start: number, inObject: boolean): { json: string; end: number } {
  let end = start;
  while (end < text.length && /[\w$.+-]/.test(text.charAt(end))) end++;
  const word = text.slice(start, end);
  const isKey = inObject && /^\s*:/.test(text.slice(end));
  if (isKey) return { json: JSON.stringify(word), end };
  return { json: PYTHON_LITERALS[word] ?? word, end };
}

/** A small repair pass for what models commonly get wrong: single quotes, unquoted keys, trailing commas,
 * raw newlines in strings, a ```json fence, and output cut off mid-string or mid-object. */
export function repairJson(input: string): string {
  const text = input.replace(/^```(?:json)?\s*/i, "").replace(/\s*```\s*$/, "");
  const stack: string[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"' || ch === "'") {
      const { json, end } = readString(text, i, ch);
      out += json;
      i = end;
    } else if (ch === "{" || ch === "[") {
      stack.push(CLOSER[ch] ?? "}");
      out += ch;
      i++;
    } else if (ch === "}" || ch === "]") {
      out = dropTrailingComma(out);
      if (stack[stack.length - 1] === ch) stack.pop();
      out += ch;
      i++;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const { json, end } = readWord(text, i, stack[stack.length - 1] === "}");
      out += json;
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  out = dropTrailingComma(out);
  if (out.trimEnd().endsWith(":")) out += "null";
  while (stack.length > 0) out += stack.pop();
  return out;
}
