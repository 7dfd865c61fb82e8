// The one SSE encoder: Anthropic stream events to `event:`/`data:` frames.
import type { StreamEvent } from "../formats/anthropic.ts";

const encoder = new TextEncoder();

/** One event as an SSE frame; the event name always equals `data.type` (the SDK dispatches on it). */
export function encodeEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Several events as the bytes of one write. */
export function encodeEvents(events: readonly StreamEvent[]): Uint8Array<ArrayBuffer> {
  let text = "";
  for (const event of events) text += encodeEvent(event);
  return encoder.encode(text);
}

/** A raw SSE frame for a passthrough error or comment line that has no typed event. */
export function encodeComment(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`: ${text}\n\n`);
}

/** One JSON value as a frame of ccr's own live feeds (admin API), with an optional event name. */
export function encodeJsonEvent(value: unknown, event?: string): Uint8Array<ArrayBuffer> {
  // JSON text never holds a raw newline, so one `data:` line is always enough.
  return encoder.encode(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(value)}\n\n`);
}
