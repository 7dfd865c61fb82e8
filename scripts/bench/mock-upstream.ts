// A minimal OpenAI Chat Completions upstream for the benchmark, run as its own process so it never shares an event loop
// with the server being measured. Usage: `bun scripts/bench/mock-upstream.ts [--gap-ms N]`; prints `port <N>` when ready.

const gapArg = process.argv.indexOf("--gap-ms");
/** Pause between the first streamed chunk and the rest, so time to first byte is visibly apart from the whole stream. */
const GAP_MS = gapArg > 0 ? Number(process.argv[gapArg + 1]) : 10;

const CREATED = 1_700_000_000;

const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: CREATED,
  model: "gpt-test",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello from the mock upstream." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
});

function chunk(delta: object, finish: string | null, usage?: object): string {
  const body = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: CREATED, model: "gpt-test", choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const encoder = new TextEncoder();
/** The first token arrives with the role, as most OpenAI-compatible servers send it. */
const FIRST = encoder.encode(chunk({ role: "assistant", content: "Hello" }, null));
const REST = encoder.encode(
  chunk({ content: " from the mock upstream." }, null) +
    chunk({}, "stop", { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 }) +
    "data: [DONE]\n\n",
);

function streamResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(FIRST);
      setTimeout(() => {
        controller.enqueue(REST);
        controller.close();
      }, GAP_MS);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  maxRequestBodySize: 64 * 1024 * 1024,
  async fetch(request) {
    if (request.method !== "POST") return new Response("ok");
    // Every body is read in full, as a real upstream would; a substring test keeps the mock's own CPU cost flat.
    const text = await request.text();
    if (text.includes('"stream":true')) return streamResponse();
    return new Response(completion, { headers: { "content-type": "application/json" } });
  },
});

process.stdout.write(`port ${server.port}\n`);
