// Usage from an Anthropic upstream's bytes as they pass through untouched: nothing is held back or buffered whole.
import type { Usage } from "../formats/anthropic.ts";
import { createSseParser } from "../sse/parse.ts";
import { firstByte, mergeUsage, type RequestFacts } from "./facts.ts";

/** Bodies kept for LOG_BODIES stop growing past this many characters (the row cuts them exactly, after redaction). */
const BODY_CAP = 1_000_000;
/** The usage object ends an Anthropic message; this much of the end of a JSON body is enough to find it. */
const TAIL = 4096;
/** JSON around a content_block_delta's text, subtracted for the output-size estimate. */
const DELTA_OVERHEAD = 70;

export interface ByteTap {
  push(chunk: Uint8Array): void;
  end(): void;
}

function usageOf(value: unknown): Partial<Usage> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const out: Partial<Usage> = {};
  for (const key of ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"] as const) {
    const n: unknown = Reflect.get(value, key);
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) out[key] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A malformed event is the client's problem to see; it simply carries no usage for the log.
    return undefined;
  }
}

/** `value[key]` of a parsed JSON object, undefined for anything else. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

/** Notes the usage of a message_start or message_delta, with the 1-hour share of the cache writes when given. */
function takeUsage(facts: RequestFacts, usage: unknown): void {
  mergeUsage(facts, usageOf(usage));
  const oneHour = field(field(usage, "cache_creation"), "ephemeral_1h_input_tokens");
  if (typeof oneHour === "number" && Number.isFinite(oneHour) && oneHour >= 0) facts.cacheWrite1h = oneHour;
}

/** The usage of an Anthropic message, read from the end of its JSON text. */
export function usageFromJsonTail(tail: string): Partial<Usage> | undefined {
  const at = tail.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  const out: Partial<Usage> = {};
  for (const key of ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"] as const) {
    const match = new RegExp(`"${key}"\\s*:\\s*(\\d+)`).exec(tail.slice(at));
    if (match?.[1] !== undefined) out[key] = Number(match[1]);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The 1-hour-TTL cache writes (`usage.cache_creation.ephemeral_1h_input_tokens`) from the end of a JSON message. */
export function oneHourWritesFromJsonTail(tail: string): number | undefined {
  const at = tail.lastIndexOf('"usage"');
  const match = at === -1 ? null : /"ephemeral_1h_input_tokens"\s*:\s*(\d+)/.exec(tail.slice(at));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function sseTap(facts: RequestFacts): ByteTap {
  const parser = createSseParser();
  const body: string[] = [];
  let kept = 0;
  const decoder = facts.keepBodies ? new TextDecoder() : undefined;
  const take = (messages: { event: string | undefined; data: string }[]) => {
    for (const m of messages) {
      if (m.event === "content_block_delta") facts.outputChars += Math.max(0, m.data.length - DELTA_OVERHEAD);
      else if (m.event === "message_start") takeUsage(facts, field(field(parseJson(m.data), "message"), "usage"));
      else if (m.event === "message_delta") takeUsage(facts, field(parseJson(m.data), "usage"));
      else if (m.event === "error") facts.streamError = String(field(field(parseJson(m.data), "error"), "type") ?? "api_error");
    }
  };
  return {
    push(chunk) {
      firstByte(facts);
      take(parser.push(chunk));
      if (decoder && kept < BODY_CAP) {
        const text = decoder.decode(chunk, { stream: true });
        body.push(text);
        kept += text.length;
      }
    },
    end() {
      take(parser.end());
      if (decoder) facts.responseBody = body.join("");
    },
  };
}

function jsonTap(facts: RequestFacts): ByteTap {
  const decoder = new TextDecoder();
  let tail = "";
  const body: string[] = [];
  let kept = 0;
  return {
    push(chunk) {
      firstByte(facts);
      const text = decoder.decode(chunk, { stream: true });
      tail = (tail + text).slice(-TAIL);
      if (facts.keepBodies && kept < BODY_CAP) {
        body.push(text);
        kept += text.length;
      }
    },
    end() {
      mergeUsage(facts, usageFromJsonTail(tail));
      const oneHour = oneHourWritesFromJsonTail(tail);
      if (oneHour !== undefined) facts.cacheWrite1h = oneHour;
      if (facts.keepBodies) facts.responseBody = body.join("");
    },
  };
}

/** Watches a passthrough body (SSE or JSON) for usage, first byte and stream errors. */
export function byteTap(facts: RequestFacts, sse: boolean): ByteTap {
  return sse ? sseTap(facts) : jsonTap(facts);
}
