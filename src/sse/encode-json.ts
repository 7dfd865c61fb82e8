// SSE frames for ccr's own live feeds (admin API): one JSON value per event.

const encoder = new TextEncoder();

/** One JSON value as an SSE frame, with an optional event name (JSON text never holds a raw newline). */
export function encodeJsonEvent(value: unknown, event?: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(value)}\n\n`);
}
