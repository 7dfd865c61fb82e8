// ccr in front of a local stand-in for Vertex AI (token endpoint + model endpoints), as the official Anthropic SDK sees it.
import { afterEach, describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import { type RunningCcr, startCcr } from "../helpers/ccr-server.ts";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

interface Seen {
  path: string;
  search: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface Stack {
  client: Anthropic;
  requests: Seen[];
  tokenRequests: number;
  logs: string[];
  stop(): Promise<void>;
}

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const sse = (events: readonly object[]) => events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join("");
/** Anthropic streams name each event; the SDK dispatches on the name. */
const namedSse = (events: readonly { type: string }[]) => events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");
const request = { model: "claude-opus-5-5", max_tokens: 1024, messages: [{ role: "user" as const, content: "Say hello" }] };

/** One local server plays Google: `/token` issues access tokens, every other path answers with `answer`. */
async function use(transformer: string, model: string, answer: () => Response, tokenStatus = 200): Promise<Stack> {
  const requests: Seen[] = [];
  const state = { tokens: 0 };
  const google = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname === "/token") {
        state.tokens++;
        if (tokenStatus !== 200) return Response.json({ error: "invalid_grant" }, { status: tokenStatus });
        return Response.json({ access_token: `ya29.local-${state.tokens}`, expires_in: 3600, token_type: "Bearer" });
      }
      requests.push({ path: url.pathname, search: url.search, headers: Object.fromEntries(req.headers), body: await req.json() });
      return answer();
    },
  });
  const base = `http://127.0.0.1:${google.port}`;
  const credentials = JSON.stringify({ type: "service_account", client_email: "ccr@p.iam.gserviceaccount.com", private_key: privatePem, token_uri: `${base}/token` });
  let ccr: RunningCcr;
  try {
    ccr = await startCcr(
      {
        Providers: [{ name: "vertex", api_base_url: base, models: [model], transformer: { use: [[transformer, { credentials: "$SA_JSON" }]] } }],
        Router: { default: `vertex,${model}` },
      },
      { env: { SA_JSON: credentials, GOOGLE_CLOUD_PROJECT: "proj-7" } },
    );
  } catch (err) {
    await google.stop(true);
    throw err;
  }
  stack = {
    client: new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 }),
    requests,
    logs: ccr.logs,
    get tokenRequests() {
      return state.tokens;
    },
    async stop() {
      await ccr.stop();
      await google.stop(true);
    },
  };
  return stack;
}

const geminiChunk = { candidates: [{ content: { role: "model", parts: [{ text: "Hello." }] }, finishReason: "STOP", index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2 } };

describe("ccr with Vertex AI upstreams", () => {
  test("streams a Vertex Gemini answer with the service account's bearer token, fetched once for two requests", async () => {
    const answer = () => new Response(sse([geminiChunk]), { headers: { "content-type": "text/event-stream" } });
    const s = await use("vertex-gemini", "gemini-2.5-pro", answer);
    const message = await s.client.messages.stream(request).finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Hello."]);
    await s.client.messages.stream(request).finalMessage();
    expect(s.requests[0]?.path).toBe("/v1/projects/proj-7/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent");
    expect(s.requests[0]?.search).toBe("?alt=sse");
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(["Bearer ya29.local-1", "Bearer ya29.local-1"]);
    expect(s.requests[0]?.body.contents).toEqual([{ role: "user", parts: [{ text: "Say hello" }] }]);
    expect(s.tokenRequests).toBe(1);
  });

  test("passes a Vertex Claude stream through and sends the body with anthropic_version instead of model", async () => {
    const events = [
      { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi from Vertex." } },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 4 } },
      { type: "message_stop" },
    ];
    const answer = () => new Response(namedSse(events), { headers: { "content-type": "text/event-stream" } });
    const s = await use("vertex-claude", "claude-sonnet-4@20250514", answer);
    const message = await s.client.messages.stream(request).finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Hi from Vertex."]);
    expect(message.usage.output_tokens).toBe(4);
    expect(s.requests[0]?.path).toBe("/v1/projects/proj-7/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict");
    expect(s.requests[0]?.headers.authorization).toBe("Bearer ya29.local-1");
    expect(s.requests[0]?.body.model).toBeUndefined();
    expect(s.requests[0]?.body.anthropic_version).toBe("vertex-2023-10-16");
  });

  test("answers 401 naming the provider when the token endpoint refuses the service account", async () => {
    const s = await use("vertex-gemini", "gemini-2.5-pro", () => Response.json({}), 400);
    const error = await s.client.messages.create(request).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    const text = error instanceof Anthropic.APIError ? error.message : "";
    expect(text).toContain("Could not get a Google access token for provider");
    expect(text).toContain("the token endpoint answered 400: invalid_grant");
    expect(s.requests).toHaveLength(0);
    expect(s.logs.join("\n")).toContain("token endpoint answered 400");
    expect(s.logs.join("\n")).not.toContain("PRIVATE KEY");
  });
});
