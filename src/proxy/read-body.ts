// Reads a request body as JSON within a size limit, with errors that say what was wrong.
import { isUtf8 } from "node:buffer";
import { ValidationError } from "../errors.ts";

/** The raw text, its size in bytes, and the parsed value of a JSON request body. */
export interface JsonBody {
  text: string;
  bytes: number;
  value: unknown;
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw tooLarge(limit);
  // With a declared length the body cannot outgrow it: read it in one call.
  if (Number.isFinite(declared)) return request.bytes();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): ValidationError {
  return new ValidationError(`Request body exceeds the limit of ${Math.round(limit / 1048576)} MiB (config BODY_LIMIT_MB).`, 413);
}

/** Deepest nesting of arrays/objects a body may have. Real Messages requests (tool schemas, tool inputs) stay far below;
 * the cap keeps recursive walkers (validation, transformers) from overflowing the stack on adversarial input. */
export const MAX_JSON_DEPTH = 128;

/** Scans raw JSON text (strings skipped) and throws a 400 once nesting exceeds `limit`; runs before JSON.parse. */
export function checkJsonDepth(text: string, limit: number = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) throw new ValidationError(`Request body is nested more than ${limit} levels deep.`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Parses the body as JSON; a 400 names the position of a syntax error or a nesting too deep, a 413 the limit. */
export async function readJsonBody(request: Request, limit: number): Promise<JsonBody> {
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength > limit) throw tooLarge(limit);
  if (!isUtf8(bytes)) throw new ValidationError("Request body is not valid UTF-8.");
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.trim() === "") throw new ValidationError("Request body is empty; expected a JSON object.");
  checkJsonDepth(text);
  try {
    return { text, bytes: bytes.byteLength, value: JSON.parse(text) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : "syntax error";
    throw new ValidationError(`Request body is not valid JSON: ${detail}.`);
  }
}
