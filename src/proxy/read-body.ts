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

/** Parses the body as JSON; a 400 names the position of a syntax error, a 413 the limit. */
export async function readJsonBody(request: Request, limit: number): Promise<JsonBody> {
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength > limit) throw tooLarge(limit);
  if (!isUtf8(bytes)) throw new ValidationError("Request body is not valid UTF-8.");
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.trim() === "") throw new ValidationError("Request body is empty; expected a JSON object.");
  try {
    return { text, bytes: bytes.byteLength, value: JSON.parse(text) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : "syntax error";
    throw new ValidationError(`Request body is not valid JSON: ${detail}.`);
  }
}
