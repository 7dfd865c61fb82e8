// The one SSE parser (WHATWG rules): bytes in, messages out, across any chunk boundary.

/** One server-sent event: its `event:` name (if any) and its joined `data:` lines. */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** An incremental parser: `push` bytes as they arrive, `end` at EOF to flush a trailing event. */
export interface SseParser {
  push(chunk: Uint8Array | string): SseMessage[];
  end(): SseMessage[];
}

/** Creates a parser that handles `\n`, `\r\n` and `\r`, comments, multi-line data and split UTF-8. */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder("utf-8");
  // The partial line so far, kept as pieces: joining on every read would make a long line cost O(n²).
  let partial: string[] = [];
  let pendingCr = false;
  let event: string | undefined;
  let data: string[] = [];

  function dispatch(out: SseMessage[]): void {
    if (data.length > 0) out.push({ event, data: data.join("\n") });
    event = undefined;
    data = [];
  }

  function line(text: string, out: SseMessage[]): void {
    if (text === "") return dispatch(out);
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
  }

  function drain(text: string, out: SseMessage[]): void {
    if (text.indexOf("\n") === -1 && text.indexOf("\r") === -1) {
      partial.push(text);
      return;
    }
    const buffer = partial.join("") + text;
    partial = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      line(buffer.slice(start, i), out);
      if (c === 13) {
        // A \r\n pair may be split across chunks: remember the \r and drop a leading \n next time.
        if (i + 1 === buffer.length) pendingCr = true;
        else if (buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < buffer.length) partial.push(buffer.slice(start));
  }

  return {
    push(chunk) {
      const out: SseMessage[] = [];
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text === "") return out;
      const rest = pendingCr && text.startsWith("\n") ? text.slice(1) : text;
      pendingCr = false;
      drain(rest, out);
      return out;
    },
    end() {
      const out: SseMessage[] = [];
      const tail = decoder.decode();
      if (tail !== "") drain(tail, out);
      const last = partial.join("");
      partial = [];
      if (last !== "") line(last, out);
      dispatch(out);
      return out;
    },
  };
}
