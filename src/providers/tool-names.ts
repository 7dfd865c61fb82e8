// Tool names the upstream accepts (conversion spec §1.4), with the map that restores the originals in responses.
import { createHash } from "node:crypto";

const OPENAI_NAME_MAX = 64;
const KEEP_PREFIX = 55;
const INVALID_CHAR = /[^a-zA-Z0-9_-]/g;

function hash8(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
}

function hashed(sanitized: string, original: string): string {
  return `${sanitized.slice(0, KEEP_PREFIX)}_${hash8(original)}`;
}

/** A name valid for OpenAI (`^[a-zA-Z0-9_-]{1,64}$`): invalid chars → `_`, long names → 55 chars + `_` + 8 hex of SHA-256. */
export function sanitizeToolName(name: string): string {
  const replaced = name.replace(INVALID_CHAR, "_");
  if (replaced === "") return "_";
  return replaced.length > OPENAI_NAME_MAX ? hashed(replaced, name) : replaced;
}

/** Per-request naming: the same original always gets the same wire name, and two originals never share one. */
export interface ToolNames {
  wire(original: string): string;
  /** Wire name → original name, for every name handed out so far. */
  snapshot(): ReadonlyMap<string, string>;
}

/** A fresh naming table for one request. */
export function createToolNames(): ToolNames {
  const toOriginal = new Map<string, string>();
  const toWire = new Map<string, string>();
  return {
    wire(original) {
      const known = toWire.get(original);
      if (known !== undefined) return known;
      let name = sanitizeToolName(original);
      // Two originals that sanitize alike (`a.b`, `a_b`): the later one gets the hashed form.
      if (toOriginal.has(name)) name = hashed(name, original);
      toOriginal.set(name, original);
      toWire.set(original, name);
      return name;
    },
    snapshot: () => new Map(toOriginal),
  };
}
