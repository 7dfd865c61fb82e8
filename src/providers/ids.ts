// Identifiers we mint for responses (conversion spec §1.4): `msg_…` and `toolu_…` with 24 random base62 chars.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Bytes at or above this are rejected so that every base62 character is equally likely (248 = 4 × 62). */
const UNBIASED_LIMIT = 248;

/** `length` random characters from [0-9A-Za-z], drawn from the platform's cryptographic generator. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A fresh Anthropic message id. */
export function messageId(): string {
  return `msg_${randomBase62(24)}`;
}

/** A fresh tool-use id, for upstream tool calls that arrive without one. */
export function toolUseId(): string {
  return `toolu_${randomBase62(24)}`;
}
