// A scripted OpenAI Chat Completions server on a real port, so server and e2e tests exercise the real wire.
import { isUsageOnly, wantsUsage } from "./openai-chunks.ts";

/** One request the upstream received, recorded before the script answers it. */
export interface RecordedRequest {
  method: string;
  /** Path plus query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** `performance.now()` when each body chunk was handed to the socket (SSE and raw replies). */
  sentAt: number[];
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
  /** Resolves with `performance.now()` once the client went away early (request aborted or stream cancelled). */
  aborted: Promise<number>;
}

/** What the script answers. `sse` payloads that are objects are JSON-stringified; `"[DONE]"` goes out as is. */
export type UpstreamReply =
  | { json: unknown; status?: number; headers?: Record<string, string> }
  | {
      sse: (string | object)[];
      /** Pause before every chunk after the first; a function gets the index of the chunk about to go out (never 0). */
      delayMs?: number | ((index: number) => number);
      status?: number;
      /** Send usage-only chunks (`choices: []`) even when the request did not ask with `stream_options.include_usage`. */
      alwaysUsage?: boolean;
      /** After the last chunk, cut the connection instead of ending the body cleanly. */
      die?: boolean;
    }
  | {
      /** Bytes as they go on the wire; each array element is one write. */
      raw: string | (string | Uint8Array)[];
      status?: number;
      headers?: Record<string, string>;
      delayMs?: number;
      /** After the last chunk, cut the connection instead of ending the body cleanly. */
      die?: boolean;
    }
  | { hang: true };

export type UpstreamScript = (req: RecordedRequest, n: number) => UpstreamReply | Promise<UpstreamReply>;

export interface OpenAiUpstream {
  /** `http://127.0.0.1:<port>`; the server answers every path. */
  url: string;
  /** The full chat-completions endpoint (CCR's `api_base_url` is a full URL). */
  chatUrl: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

const encoder = new TextEncoder();

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    // Not JSON: keep the text so the test still sees what arrived.
    if (err instanceof SyntaxError) return text;
    throw err;
  }
}

function pauseFor(delayMs: number | ((index: number) => number) | undefined, index: number): number {
  if (index === 0 || delayMs === undefined) return 0;
  return typeof delayMs === "number" ? delayMs : delayMs(index);
}

/** A body that writes one chunk per `pull`, sleeping between chunks, and records send times and cancellation. */
function pacedBody(
  chunks: Uint8Array[],
  rec: RecordedRequest,
  onCancel: () => void,
  opts: { delayMs?: number | ((index: number) => number); die?: boolean },
): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index >= chunks.length) {
        if (!opts.die) return controller.close();
        // Let the last chunk reach the socket before the reset, else the client sees no response at all.
        await Bun.sleep(50);
        // Erroring with no reason resets the socket without Bun printing a stack trace into the test output.
        return controller.error(undefined);
      }
      const pause = pauseFor(opts.delayMs, index);
      if (pause > 0) await Bun.sleep(pause);
      const chunk = chunks[index];
      index += 1;
      if (chunk === undefined) return;
      rec.sentAt.push(performance.now());
      controller.enqueue(chunk);
    },
    cancel() {
      onCancel();
    },
  });
}

function sseFrame(payload: string | object): Uint8Array {
  const data = typeof payload === "string" ? payload : JSON.stringify(payload);
  return encoder.encode(`data: ${data}\n\n`);
}

function toResponse(reply: UpstreamReply, rec: RecordedRequest, onCancel: () => void, hang: Promise<void>): Promise<Response> | Response {
  if ("hang" in reply) return hang.then(() => new Response(null, { status: 499 }));
  if ("json" in reply) {
    return new Response(JSON.stringify(reply.json), {
      status: reply.status ?? 200,
      headers: { "content-type": "application/json", ...reply.headers },
    });
  }
  if ("sse" in reply) {
    const usageOk = reply.alwaysUsage === true || wantsUsage(rec.body);
    const chunks = reply.sse.filter((p) => usageOk || !isUsageOnly(p)).map(sseFrame);
    const body = pacedBody(chunks, rec, onCancel, reply);
    return new Response(body, {
      status: reply.status ?? 200,
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" },
    });
  }
  const pieces = typeof reply.raw === "string" ? [reply.raw] : reply.raw;
  const chunks = pieces.map((p) => (typeof p === "string" ? encoder.encode(p) : p));
  return new Response(pacedBody(chunks, rec, onCancel, reply), {
    status: reply.status ?? 200,
    headers: { "content-type": "text/plain", ...reply.headers },
  });
}

/** Starts the scripted upstream on 127.0.0.1 and a free port; `script` gets each request and its 0-based number. */
export function startOpenAiUpstream(script: UpstreamScript): OpenAiUpstream {
  const requests: RecordedRequest[] = [];
  let release: () => void = () => {};
  const hang = new Promise<void>((resolve) => {
    release = resolve;
  });

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const headers: Record<string, string> = {};
      req.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      let markAborted: (at: number) => void = () => {};
      const aborted = new Promise<number>((resolve) => {
        markAborted = resolve;
      });
      const rec: RecordedRequest = {
        method: req.method,
        path: url.pathname + url.search,
        headers,
        body: parseBody(await req.text()),
        sentAt: [],
        receivedAt: performance.now(),
        aborted,
      };
      const onCancel = () => markAborted(performance.now());
      req.signal.addEventListener("abort", onCancel, { once: true });
      const n = requests.length;
      requests.push(rec);
      const reply = await script(rec, n);
      return toResponse(reply, rec, onCancel, hang);
    },
  });

  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    chatUrl: `${url}/v1/chat/completions`,
    requests,
    async stop() {
      release();
      await server.stop(true);
    },
  };
}
