// The signature envelope (conversion spec §1.6): what ccr needs to replay reasoning, carried in a thinking signature.

export type Envelope =
  | { v: 1; p: "synthetic" }
  | { v: 1; p: "gemini"; sigs: { sig: string; at: string }[] }
  | { v: 1; p: "openai-responses"; id: string; enc: string }
  | { v: 1; p: "openrouter"; details: unknown[] };

const PREFIX = "ccr1.";

/** `ccr1.` + base64url (no padding) of the JSON. */
export function encodeEnvelope(envelope: Envelope): string {
  return PREFIX + Buffer.from(JSON.stringify(envelope), "utf8").toString("base64url");
}

/** The envelope inside a signature, or undefined for a real Anthropic signature or anything unreadable. */
export function decodeEnvelope(signature: string | undefined): Envelope | undefined {
  if (!signature || !signature.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(signature.slice(PREFIX.length), "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null || !("p" in value) || typeof value.p !== "string") return undefined;
    // Decoders ignore unknown keys; the `p` tag selects the shape.
    return value as Envelope;
  } catch {
    return undefined;
  }
}

/** True when the signature is one of ours rather than Anthropic's. */
export function isEnvelope(signature: string | undefined): boolean {
  return signature?.startsWith(PREFIX) ?? false;
}

/** The envelope for reasoning that has no upstream continuity token (DeepSeek, Qwen, ...). */
export const SYNTHETIC_SIGNATURE = encodeEnvelope({ v: 1, p: "synthetic" });
