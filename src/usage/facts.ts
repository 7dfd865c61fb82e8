// What a request did, collected while it runs (plain fields, no I/O) and handed to the recorder once it ends.
import type { AnthropicMessage, StreamEvent, Usage } from "../formats/anthropic.ts";
import type { StreamConverter } from "../providers/adapter.ts";

/** Mutable per-request facts; attempt and stream code fill in what they see, the recorder turns it into a row. */
export interface RequestFacts {
  /** Milliseconds since the epoch at arrival. */
  time: number;
  /** `performance.now()` at arrival (durations and time to first token). */
  start: number;
  session: string | null;
  clientKey: string | null;
  scenario: string;
  reason: string | null;
  provider: string | null;
  model: string | null;
  attempts: number;
  failures: string[];
  stream: boolean;
  bodyBytes: number;
  /** Input tokens the router counted, when a rule needed them (a better estimate than bytes/4). */
  tokenCount: number | undefined;
  /** Usage as the client saw it (message_start merged with message_delta), from the attempt that answered. */
  usage: Partial<Usage> | undefined;
  /** Of the cache writes, those with Anthropic's 1-hour TTL (billed higher), when the upstream said so. */
  cacheWrite1h: number | undefined;
  /** The input estimate a converting adapter seeds usage with: usage equal to it was estimated, not reported. */
  seededInput: number | undefined;
  /** Characters of streamed output, for an estimate when no usage came. */
  outputChars: number;
  ttftMs: number | null;
  /** Error type seen in the stream (a mid-stream failure after the status line went out). */
  streamError: string | null;
  /** Kept only with LOG_BODIES. */
  requestBody: unknown;
  responseBody: unknown;
  /** LOG_BODIES: collect the response for the log. */
  keepBodies: boolean;
}

/** Fresh facts for a request that just arrived. */
export function newFacts(stream: boolean, keepBodies: boolean): RequestFacts {
  return {
    time: Date.now(),
    start: performance.now(),
    session: null,
    clientKey: null,
    scenario: "none",
    reason: null,
    provider: null,
    model: null,
    attempts: 0,
    failures: [],
    stream,
    bodyBytes: 0,
    tokenCount: undefined,
    usage: undefined,
    cacheWrite1h: undefined,
    seededInput: undefined,
    outputChars: 0,
    ttftMs: null,
    streamError: null,
    requestBody: undefined,
    responseBody: undefined,
    keepBodies,
  };
}

/** Forgets what an earlier, failed attempt saw. */
export function resetAttempt(facts: RequestFacts): void {
  facts.usage = undefined;
  facts.cacheWrite1h = undefined;
  facts.seededInput = undefined;
  facts.outputChars = 0;
  facts.ttftMs = null;
  facts.streamError = null;
  facts.responseBody = undefined;
}

/** Marks the first byte for the client. */
export function firstByte(facts: RequestFacts): void {
  if (facts.ttftMs === null) facts.ttftMs = performance.now() - facts.start;
}

/** Merges a usage report over what came before (message_delta carries the final counts). */
export function mergeUsage(facts: RequestFacts, usage: Partial<Usage> | undefined): void {
  if (usage) facts.usage = { ...facts.usage, ...usage };
}

function observe(facts: RequestFacts, events: StreamEvent[], kept: StreamEvent[] | undefined): StreamEvent[] {
  if (events.length === 0) return events;
  firstByte(facts);
  for (const e of events) {
    if (e.type === "message_start") mergeUsage(facts, e.message.usage);
    else if (e.type === "message_delta") mergeUsage(facts, e.usage);
    else if (e.type === "error") facts.streamError = e.error.type;
  }
  kept?.push(...events);
  return events;
}

/** A converter that reports what flows through it into `facts` (usage, first byte, stream errors). */
export function tapConverter(conv: StreamConverter, facts: RequestFacts): StreamConverter {
  const kept: StreamEvent[] | undefined = facts.keepBodies ? [] : undefined;
  if (kept) facts.responseBody = kept;
  return { push: (m) => observe(facts, conv.push(m), kept), end: () => observe(facts, conv.end(), kept) };
}

/** A whole (non-streamed) answer. */
export function observeMessage(facts: RequestFacts, message: AnthropicMessage): void {
  mergeUsage(facts, message.usage);
  if (facts.keepBodies) facts.responseBody = message;
}
